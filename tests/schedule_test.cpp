// Conflicts and free/busy: the sweep against a brute-force all-pairs computation on generated
// inputs, and hand-written cases (DST nights, zero-length events, identical series, touching
// intervals, cancelled occurrences).
#include <catch2/catch.hpp>

#include "support/series_helper.hpp"

#include <random>
#include <set>
#include <tuple>

#include "recur/instance_id.hpp"
#include "recur/schedule.hpp"

using namespace recur;
using namespace recur::test;

namespace {
constexpr std::int64_t minute = 60000, hour = 3600000, day = 86400000;
const std::int64_t base = make_civil(civil_date{2026, 3, 2}, 0, 0, 0).value * 1000;  // 2026-03-02T00:00Z, a Monday

event master(const std::string& id, const std::string& rrule, std::int64_t start, std::int64_t length,
             std::vector<std::string> users) {
  event e;
  e.id = id;
  e.recurrence = rrule;
  e.recurring = true;
  e.start = from_unix_ms(start);
  e.end = from_unix_ms(start + length);
  e.people = std::move(users);
  return e;
}

event single(const std::string& id, std::int64_t start, std::int64_t length, std::vector<std::string> users) {
  event e = master(id, "", start, length, std::move(users));
  e.recurring = false;
  return e;
}

std::vector<busy_source> sources_of(const std::vector<event>& events, const char* zone_name = "UTC") {
  std::vector<std::string> notes;
  auto out = busy_sources(events, zone::load(zone_name).value(), key_kind::person, notes);
  CHECK(notes.empty());
  return out;
}

using conflict_key = std::tuple<std::string, std::string, std::string, std::int64_t, std::int64_t>;

std::set<conflict_key> as_set(const std::vector<conflict>& list) {
  std::set<conflict_key> out;
  for (const conflict& c : list) out.insert({std::min(c.a, c.b), std::max(c.a, c.b), c.key, unix_ms(c.overlap_start), unix_ms(c.overlap_end)});
  return out;
}

// The reference: expand every source fully over the window, then compare all pairs.
std::set<conflict_key> brute_force(const std::vector<busy_source>& sources, window w) {
  struct occ {
    std::string id;
    std::int64_t start, end;
    const busy_source* src;
  };
  std::vector<occ> all;
  for (const busy_source& s : sources) {
    if (s.recurring) {
      const std::int64_t duration_ms = s.recurring->duration().count();
      for (std::int64_t t : expand_ms(*s.recurring, w))
        if (!std::binary_search(s.cancelled_starts.begin(), s.cancelled_starts.end(), from_unix_ms(t)))
          all.push_back({id_ms(s.id, t, duration_ms / 1000), t, t + duration_ms, &s});
    } else if (overlaps(s.start, s.end - s.start, w)) {
      all.push_back({s.id, unix_ms(s.start), unix_ms(s.end), &s});
    }
  }
  std::set<conflict_key> out;
  for (std::size_t i = 0; i < all.size(); ++i)
    for (std::size_t j = i + 1; j < all.size(); ++j)
      for (const std::string& k : all[i].src->keys)
        if (std::find(all[j].src->keys.begin(), all[j].src->keys.end(), k) != all[j].src->keys.end()) {
          const std::int64_t from = std::max({all[i].start, all[j].start, unix_ms(w.from)});
          const std::int64_t to = std::min({all[i].end, all[j].end, unix_ms(w.to)});
          if (from < to)
            out.insert({std::min(all[i].id, all[j].id), std::max(all[i].id, all[j].id), k, from, to});
        }
  return out;
}
}  // namespace

TEST_CASE("schedule: conflicts equal the brute-force all-pairs answer (generated)", "[schedule][property]") {
  std::mt19937 rng(2026);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* rules[] = {"RRULE:FREQ=DAILY", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR", "RRULE:FREQ=WEEKLY;BYDAY=TU;INTERVAL=2",
                         "RRULE:FREQ=DAILY;COUNT=5", "RRULE:FREQ=MONTHLY;BYDAY=1MO,-1FR", "RRULE:FREQ=HOURLY;INTERVAL=7"};
  const char* users[] = {"u1", "u2", "u3"};
  for (int round = 0; round < 60; ++round) {
    std::vector<event> events;
    const int n = pick(2, 12);
    for (int i = 0; i < n; ++i) {
      std::vector<std::string> who = {users[pick(0, 2)]};
      if (pick(0, 2) == 0) who.push_back(users[pick(0, 2)]);
      const std::int64_t start = base + pick(0, 6) * day + pick(0, 47) * 30 * minute;
      const std::int64_t length = pick(0, 6) * 30 * minute;
      if (pick(0, 3) == 0) events.push_back(single("s" + std::to_string(i), start, length, who));
      else events.push_back(master("m" + std::to_string(i), rules[pick(0, 5)], start, length, who));
    }
    const auto sources = sources_of(events, pick(0, 1) ? "UTC" : "America/New_York");
    const window w = window_ms(base + pick(0, 3) * day, base + pick(10, 30) * day);
    INFO("round " << round);
    CHECK(as_set(conflicts(sources, w)) == brute_force(sources, w));
  }
}

TEST_CASE("schedule: touching, zero-length, identical and cancelled occurrences", "[schedule]") {
  const window w = window_ms(base, base + 7 * day);
  SECTION("back to back does not conflict") {
    const auto s = sources_of({single("a", base + 9 * hour, hour, {"u"}), single("b", base + 10 * hour, hour, {"u"})});
    CHECK(conflicts(s, w).empty());
  }
  SECTION("zero-length events conflict with nothing") {
    const auto s = sources_of({single("a", base + 9 * hour, 2 * hour, {"u"}), single("b", base + 10 * hour, 0, {"u"})});
    CHECK(conflicts(s, w).empty());
  }
  SECTION("identical series conflict on every occurrence, over the full overlap") {
    const auto s = sources_of({master("a", "RRULE:FREQ=DAILY;COUNT=3", base + 9 * hour, hour, {"u"}),
                               master("b", "RRULE:FREQ=DAILY;COUNT=3", base + 9 * hour, hour, {"u"})});
    const auto found = conflicts(s, w);
    REQUIRE(found.size() == 3);
    CHECK(found[0].a == id_ms("a", base + 9 * hour, 3600));
    CHECK(found[0].b == id_ms("b", base + 9 * hour, 3600));
    CHECK(unix_ms(found[0].overlap_start) == base + 9 * hour);
    CHECK(unix_ms(found[0].overlap_end) == base + 10 * hour);
  }
  SECTION("different keys never conflict") {
    const auto s = sources_of({single("a", base, hour, {"u"}), single("b", base, hour, {"v"})});
    CHECK(conflicts(s, w).empty());
  }
  SECTION("cancelled occurrences, cancelled events and EXDATEs do not conflict") {
    event instance;
    instance.id = id_ms("a", base + day + 9 * hour, 3600);
    instance.series_id = "a";
    instance.cancelled = true;
    event cancelled = single("c", base + 2 * day + 9 * hour, hour, {"u"});
    cancelled.cancelled = true;
    const auto s = sources_of({master("a", "RRULE:FREQ=DAILY;COUNT=4\nEXDATE:20260305T090000Z", base + 9 * hour, hour, {"u"}),
                               instance, cancelled, single("b", base + day + 9 * hour, hour, {"u"}),
                               single("d", base + 3 * day + 9 * hour, hour, {"u"})});
    CHECK(conflicts(s, w).empty());  // Mar 3 is cancelled, Mar 4's event is cancelled, Mar 5 is excluded
  }
}

TEST_CASE("schedule: a DST night keeps wall-clock series apart from fixed-UTC events", "[schedule][dst]") {
  // New York 2026-03-08: 09:00 is 14:00Z before the change and 13:00Z after it.
  const auto s = sources_of({master("daily", "RRULE:FREQ=DAILY;COUNT=3", base + 5 * day + 14 * hour, hour, {"u"}),
                             single("utc", base + 6 * day + 13 * hour, hour, {"u"})},
                            "America/New_York");
  const auto found = conflicts(s, window_ms(base, base + 10 * day));
  REQUIRE(found.size() == 1);
  CHECK(found[0].a == id_ms("daily", base + 6 * day + 13 * hour, 3600));
  CHECK(unix_ms(found[0].overlap_start) == base + 6 * day + 13 * hour);
}

TEST_CASE("schedule: would_conflict reports only the candidate's conflicts", "[schedule]") {
  const auto existing = sources_of({single("a", base + 9 * hour, hour, {"u"}), single("b", base + 9 * hour, hour, {"u"})});
  const auto candidate = sources_of({master("new", "RRULE:FREQ=DAILY;COUNT=2", base + 9 * hour + 30 * minute, hour, {"u"})});
  const auto found = would_conflict(candidate[0], existing, window_ms(base, base + 3 * day));
  REQUIRE(found.size() == 2);  // with a and with b; a-b is not the candidate's
  for (const conflict& c : found) CHECK(c.b == id_ms("new", base + 9 * hour + 30 * minute, 3600));
}

TEST_CASE("schedule: free/busy with working hours and slots", "[schedule][free]") {
  const zone chicago = zone::load("America/Chicago").value();
  // 2026-03-02 is a Monday; Chicago is UTC-6 then. Busy 10:00-11:00 and 10:30-12:00 local.
  const std::int64_t local9 = base + 15 * hour;  // 09:00 CST
  const auto s = sources_of({single("a", local9 + hour, hour, {"u"}), single("b", local9 + 90 * minute, 90 * minute, {"u"}),
                             single("other", local9, 8 * hour, {"v"})},
                            "America/Chicago");
  const auto hours = parse_working_hours("Mon-Fri 09:00-17:00", chicago);
  REQUIRE(hours.ok());
  const window w = window_ms(base, base + day);
  const auto result = free_busy(s, w, hours.value(), std::string("u")).value();
  REQUIRE(result.size() == 1);
  const auto span = [](std::int64_t from_ms, std::int64_t to_ms) { return interval{from_unix_ms(from_ms), from_unix_ms(to_ms)}; };
  CHECK(result[0].busy == std::vector<interval>{span(local9 + hour, local9 + 3 * hour)});
  CHECK(result[0].free == std::vector<interval>{span(local9, local9 + hour), span(local9 + 3 * hour, local9 + 8 * hour)});
  const auto slots = as_ms(free_slots(result[0].free, milliseconds{45 * minute}, milliseconds{30 * minute}, chicago).value());
  // 09:00 fits (ends 09:45); 09:30 would end 10:15 in the meeting; then 12:00 .. 16:00.
  REQUIRE(slots.size() == 1 + 9);
  CHECK(slots.front() == local9);
  CHECK(slots[1] == local9 + 3 * hour);
  CHECK(slots.back() == local9 + 7 * hour);
  CHECK_FALSE(parse_working_hours("Funday 09:00-17:00", chicago).ok());
  CHECK(parse_working_hours("Mon-Fri 17:00-09:00", chicago).err().message ==
        "working hours 'Mon-Fri 17:00-09:00': the time range is not HH:MM-HH:MM with start < end (expected e.g. "
        "'Mon-Fri 09:00-17:00; Sat 10:00-12:00')");
}

TEST_CASE("schedule: memory follows the series, not the occurrences", "[schedule][bounded]") {
  // A year of minutely occurrences against an hourly one: the sweep holds at most a few
  // running occurrences per key; counting conflicts through the callback stores none.
  const auto s = sources_of({master("busy", "RRULE:FREQ=MINUTELY;INTERVAL=10", base, 5 * minute, {"u"}),
                             master("hourly", "RRULE:FREQ=HOURLY", base, 30 * minute, {"u"})});
  std::size_t count = 0;
  find_conflicts(s, window_ms(base, base + 30 * day), [&](const conflict&) { ++count; });
  CHECK(count == 30 * 24 * 3);  // each half hour holds three 5-minute occurrences at :00, :10, :20
}
