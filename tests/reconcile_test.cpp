// reconcile(): every category, and conservation properties over generated series.
#include <catch2/catch.hpp>

#include "support/series_helper.hpp"

#include <random>
#include <set>

#include "recur/instance_id.hpp"
#include "recur/event_series.hpp"
#include "recur/reconcile.hpp"

using namespace recur;
using namespace recur::test;

namespace {
constexpr std::int64_t hour = 3600000, day = 86400000;
const std::int64_t mar1 = make_civil(civil_date{2026, 3, 1}, 9, 0, 0).value * 1000;  // 2026-03-01T09:00Z

event master(const std::string& id, const std::string& rrule, std::int64_t start, std::int64_t length) {
  event m;
  m.id = id;
  m.recurrence = rrule;
  m.recurring = true;
  m.start = from_unix_ms(start);
  m.end = from_unix_ms(start + length);
  return m;
}

event instance(const std::string& master_id, std::int64_t original, std::int64_t start, std::int64_t length,
               std::int64_t id_length_s = -1) {
  event e;
  e.id = id_ms(master_id, original, id_length_s >= 0 ? id_length_s : length / 1000);
  e.series_id = master_id;
  e.recurring = true;
  e.start = from_unix_ms(start);
  e.end = from_unix_ms(start + length);
  return e;
}

zone utc() { return zone{}; }
}  // namespace

TEST_CASE("reconcile: each category", "[reconcile]") {
  const std::vector<event> masters = {master("m", "RRULE:FREQ=DAILY;COUNT=6\nEXDATE:20260303T090000Z", mar1, hour)};
  std::vector<event> fetched;
  fetched.push_back(masters[0]);                                                 // master
  fetched.push_back(instance("m", mar1, mar1, hour));                            // matched
  fetched.push_back(instance("m", mar1 + day, mar1 + day + 2 * hour, hour));     // moved
  fetched.push_back(instance("m", mar1 + 3 * day, mar1 + 3 * day, 2 * hour));    // duration_mismatch (length)
  fetched.push_back(instance("m", mar1, mar1, hour));                            // duplicate of the first
  fetched.push_back(instance("m", mar1 + 2 * day, mar1 + 2 * day, hour));        // unexpected: excluded
  fetched.push_back(instance("m", mar1 + hour, mar1 + hour, hour));              // unexpected: not on the rule
  fetched.push_back(instance("other", mar1, mar1, hour));                        // orphan
  event bad = instance("m", mar1 + 4 * day, mar1 + 4 * day, hour);
  bad.problems.push_back("events[8].endTime is missing");                        // malformed
  fetched.push_back(bad);
  event single;
  single.id = "plain";
  single.start = from_unix_ms(mar1);
  single.end = from_unix_ms(mar1 + hour);
  single.cancelled = true;                                 // single, cancelled
  fetched.push_back(single);
  event wrong_master = instance("m", mar1 + 4 * day, mar1 + 4 * day, hour);
  wrong_master.series_id = "n";  // unexpected: the id and the series id disagree
  fetched.push_back(wrong_master);

  const reconcile_report r = reconcile(fetched, masters, utc(), window_ms(mar1, mar1 + 10 * day)).value();
  REQUIRE(r.items.size() == fetched.size() + 2);  // + missing on Mar 5 and Mar 6
  CHECK(r.items[0].what == category::master);
  CHECK(r.items[1].what == category::matched);
  CHECK(r.items[2].what == category::moved);
  CHECK(r.items[3].what == category::duration_mismatch);
  CHECK(r.items[4].what == category::duplicate);
  CHECK(r.items[4].reason == "the same occurrence as events[1] (matched)");
  CHECK(r.items[5].what == category::unexpected);
  CHECK_THAT(r.items[5].reason, Catch::StartsWith("excluded:"));
  CHECK(r.items[6].what == category::unexpected);
  CHECK_THAT(r.items[6].reason, Catch::StartsWith("not_on_rule:"));
  CHECK(r.items[7].what == category::orphan);
  CHECK(r.items[8].what == category::malformed);
  CHECK(r.items[8].reason == "events[8].endTime is missing");
  CHECK(r.items[9].what == category::single);
  CHECK(r.items[9].cancelled);
  CHECK(r.items[10].what == category::unexpected);
  CHECK(r.items[11].what == category::missing);
  CHECK(r.items[11].id == id_ms("m", mar1 + 4 * day, 3600));
  CHECK(r.items[12].what == category::missing);
  const reconcile_summary& s = r.summary;
  CHECK(s.fetched == 11);
  CHECK(s.matched == 1);
  CHECK(s.moved == 1);
  CHECK(s.duration_mismatch == 1);
  CHECK(s.missing == 2);
  CHECK(s.expected == 5);  // Mar 1, 2, 4, 5, 6 (Mar 3 excluded)
  CHECK(s.unexpected == 3);
  CHECK(s.cancelled == 1);
  CHECK(s.fetched == s.matched + s.unexpected + s.moved + s.duration_mismatch + s.duplicate + s.malformed + s.orphan +
                         s.single + s.master);
  CHECK_FALSE(r.clean());
}

TEST_CASE("reconcile: a master whose rule does not parse makes its instances unexpected, with a note", "[reconcile]") {
  const std::vector<event> masters = {master("m", "RRULE:FREQ=SOMETIMES", mar1, hour)};
  const reconcile_report r = reconcile({instance("m", mar1, mar1, hour)}, masters, utc(), window_ms(mar1, mar1 + day)).value();
  REQUIRE(r.items.size() == 1);
  CHECK(r.items[0].what == category::unexpected);
  REQUIRE(r.notes.size() == 1);
  CHECK_THAT(r.notes[0], Catch::Contains("FREQ value 'SOMETIMES'"));
}

TEST_CASE("reconcile: conservation over generated series", "[reconcile][property]") {
  std::mt19937 rng(99);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* rules[] = {"RRULE:FREQ=DAILY", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR", "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
                         "RRULE:FREQ=DAILY;INTERVAL=3;COUNT=30\nEXDATE:20260310T140000Z"};
  const zone ny = zone::load("America/New_York").value();
  for (int round = 0; round < 40; ++round) {
    std::vector<event> masters;
    for (int k = 0; k < 3; ++k)
      masters.push_back(master("m" + std::to_string(k), rules[pick(0, 3)], mar1 + 5 * hour + k * hour, 1800000));
    const window w = window_ms(mar1, mar1 + std::int64_t{pick(10, 120)} * day);
    std::vector<event> fetched;
    for (const event& m : masters) {
      const series s = *series_of(m, ny);
      for (std::int64_t t : expand_ms(s, w)) fetched.push_back(instance(m.id, t, t, 1800000));
    }
    INFO("round " << round << ", " << fetched.size() << " occurrences");
    const reconcile_report all = reconcile(fetched, masters, ny, w).value();
    CHECK(all.summary.matched == fetched.size());
    CHECK(all.clean());
    if (fetched.size() < 2) continue;
    const std::size_t victim = static_cast<std::size_t>(pick(0, static_cast<int>(fetched.size()) - 1));

    std::vector<event> removed = fetched;
    removed.erase(removed.begin() + static_cast<std::ptrdiff_t>(victim));
    const reconcile_report r1 = reconcile(removed, masters, ny, w).value();
    CHECK(r1.summary.missing == 1);
    CHECK(r1.summary.matched == fetched.size() - 1);

    std::vector<event> added = fetched;
    const std::int64_t victim_ms = unix_ms(*fetched[victim].start);
    added.push_back(instance(fetched[victim].series_id, victim_ms + 60000, victim_ms + 60000, 1800000));
    const reconcile_report r2 = reconcile(added, masters, ny, w).value();
    CHECK(r2.summary.unexpected == 1);
    CHECK(r2.summary.matched == fetched.size());

    std::vector<event> moved = fetched;
    moved[victim].start = *moved[victim].start + milliseconds{2 * hour};
    moved[victim].end = *moved[victim].end + milliseconds{2 * hour};
    const reconcile_report r3 = reconcile(moved, masters, ny, w).value();
    CHECK(r3.summary.moved == 1);
    CHECK(r3.summary.matched == fetched.size() - 1);
    CHECK(r3.summary.missing == 0);
  }
}

namespace {
// Each fetched event's category, keyed by the event's content (not its position).
std::multiset<std::string> verdicts(const reconcile_report& r, const std::vector<event>& fetched) {
  std::multiset<std::string> out;
  for (const reconcile_item& item : r.items) {
    const std::string who = item.event_index ? fetched[*item.event_index].id + "@" +
                                                   std::to_string(unix_ms(*fetched[*item.event_index].start)) +
                                                   (fetched[*item.event_index].cancelled ? "x" : "")
                                             : "missing:" + item.id;
    out.insert(who + "=" + to_string(item.what));
  }
  return out;
}
}  // namespace

TEST_CASE("reconcile: the result does not depend on the order of the input", "[reconcile][property]") {
  const std::vector<event> masters = {master("m", "RRULE:FREQ=DAILY;COUNT=5", mar1, hour)};
  std::vector<event> fetched = {instance("m", mar1, mar1, hour),                     // matched
                                instance("m", mar1, mar1 + 2 * hour, hour),          // a moved copy of it
                                instance("m", mar1 + day, mar1 + day + hour, hour),  // moved copy
                                instance("m", mar1 + day, mar1 + day, hour)};        // matched, but cancelled
  fetched.back().cancelled = true;
  fetched.push_back(instance("m", mar1 + day, mar1 + day, hour));  // matched, not cancelled: this one stands
  const window w = window_ms(mar1, mar1 + 5 * day);
  const reconcile_report first = reconcile(fetched, masters, utc(), w).value();
  // Per occurrence the best copy stands (matched before moved, live before cancelled); the
  // others are duplicates; days 3..5 are missing.
  const std::multiset<std::string> expected = {
      "m_1772355600000_3600@1772355600000=matched",    "m_1772355600000_3600@1772362800000=duplicate",
      "m_1772442000000_3600@1772445600000=duplicate",  "m_1772442000000_3600@1772442000000x=duplicate",
      "m_1772442000000_3600@1772442000000=matched",    "missing:m_1772528400000_3600=missing",
      "missing:m_1772614800000_3600=missing",          "missing:m_1772701200000_3600=missing"};
  CHECK(verdicts(first, fetched) == expected);
  std::mt19937 rng(18);
  for (int round = 0; round < 30; ++round) {
    std::shuffle(fetched.begin(), fetched.end(), rng);
    CHECK(verdicts(reconcile(fetched, masters, utc(), w).value(), fetched) == expected);
  }
}

TEST_CASE("reconcile: a master listed twice is noted, with differing rules it judges nothing", "[reconcile]") {
  const event daily = master("m", "RRULE:FREQ=DAILY;COUNT=3", mar1, hour);
  const event weekly = master("m", "RRULE:FREQ=WEEKLY;COUNT=3", mar1, hour);
  const std::vector<event> fetched = {instance("m", mar1 + day, mar1 + day, hour)};  // on the daily rule only
  const window w = window_ms(mar1, mar1 + 3 * day);
  const reconcile_report same = reconcile(fetched, {daily, daily}, utc(), w).value();
  CHECK(same.summary.matched == 1);
  REQUIRE(same.notes.size() == 1);
  CHECK(same.notes[0] == "master 'm' is listed 2 times");
  for (const auto& masters : {std::vector<event>{daily, weekly}, std::vector<event>{weekly, daily}}) {
    const reconcile_report r = reconcile(fetched, masters, utc(), w).value();
    CHECK(r.summary.unexpected == 1);
    CHECK(r.summary.matched == 0);
    REQUIRE(r.notes.size() == 1);
    CHECK_THAT(r.notes[0], Catch::Contains("listed more than once with different rules or times"));
  }
}

TEST_CASE("reconcile: missing occurrences stop at a named limit, streamed not collected", "[reconcile][limits]") {
  // A MINUTELY master and two instances 30 years apart: 15.8 million expected occurrences.
  const std::vector<event> masters = {master("m", "RRULE:FREQ=MINUTELY", mar1, 60000)};
  const std::int64_t thirty_years = std::int64_t{30} * 365 * day;
  const std::vector<event> fetched = {instance("m", mar1, mar1, 60000),
                                      instance("m", mar1 + thirty_years, mar1 + thirty_years, 60000)};
  const auto r = reconcile(fetched, masters, utc(), window_ms(mar1, mar1 + thirty_years));
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().code == error_code::limit_exceeded);
  CHECK_THAT(r.err().message, Catch::Contains("more than 200000 expected occurrences are missing"));
  CHECK_THAT(r.err().message, Catch::Contains("reconcile_options::max_missing"));
  reconcile_options raised;
  raised.max_missing = 2000;
  const auto day_window = reconcile(fetched, masters, utc(), window_ms(mar1, mar1 + day - 1), raised);
  REQUIRE(day_window.ok());
  CHECK(day_window.value().summary.missing == 1439);  // 1440 minutes, one fetched
  CHECK_FALSE(reconcile(fetched, masters, utc(), window_ms(mar1, mar1 + 2 * day), raised).ok());
}
