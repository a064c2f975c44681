// reconcile(): every category, and conservation properties over generated series.
#include <catch2/catch.hpp>

#include <random>

#include "recur/instance_id.hpp"
#include "recur/reconcile.hpp"

using namespace recur;

namespace {
constexpr std::int64_t hour = 3600000, day = 86400000;
const std::int64_t mar1 = make_civil(civil_date{2026, 3, 1}, 9, 0, 0).value * 1000;  // 2026-03-01T09:00Z

event master(const std::string& id, const std::string& rrule, std::int64_t start, std::int64_t length) {
  event m;
  m.id = id;
  m.rrule = rrule;
  m.is_recurring = true;
  m.start_ms = start;
  m.end_ms = start + length;
  return m;
}

event instance(const std::string& master_id, std::int64_t original, std::int64_t start, std::int64_t length,
               std::int64_t id_length_s = -1) {
  event e;
  e.id = format_instance_id(master_id, original, id_length_s >= 0 ? id_length_s : length / 1000);
  e.master_event_id = master_id;
  e.is_recurring = true;
  e.start_ms = start;
  e.end_ms = start + length;
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
  single.start_ms = mar1;
  single.end_ms = mar1 + hour;
  single.status = appointment_status::cancelled;                                 // single, cancelled
  fetched.push_back(single);
  event wrong_master = instance("m", mar1 + 4 * day, mar1 + 4 * day, hour);
  wrong_master.master_event_id = "n";  // unexpected: id and masterEventId disagree
  fetched.push_back(wrong_master);

  const reconcile_report r = reconcile(fetched, masters, utc(), window{mar1, mar1 + 10 * day});
  REQUIRE(r.items.size() == fetched.size() + 2);  // + missing on Mar 5 and Mar 6
  CHECK(r.items[0].what == category::master);
  CHECK(r.items[1].what == category::matched);
  CHECK(r.items[2].what == category::moved);
  CHECK(r.items[3].what == category::duration_mismatch);
  CHECK(r.items[4].what == category::duplicate);
  CHECK(r.items[4].reason == "the same occurrence as events[1]");
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
  CHECK(r.items[11].id == format_instance_id("m", mar1 + 4 * day, 3600));
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
  const reconcile_report r = reconcile({instance("m", mar1, mar1, hour)}, masters, utc(), window{mar1, mar1 + day});
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
    const window w{mar1, mar1 + std::int64_t{pick(10, 120)} * day};
    std::vector<event> fetched;
    for (const event& m : masters) {
      const series s = series_of(m, ny).value();
      for (std::int64_t t : expand(s, w).starts_ms) fetched.push_back(instance(m.id, t, t, 1800000));
    }
    INFO("round " << round << ", " << fetched.size() << " occurrences");
    const reconcile_report all = reconcile(fetched, masters, ny, w);
    CHECK(all.summary.matched == fetched.size());
    CHECK(all.clean());
    if (fetched.size() < 2) continue;
    const std::size_t victim = static_cast<std::size_t>(pick(0, static_cast<int>(fetched.size()) - 1));

    std::vector<event> removed = fetched;
    removed.erase(removed.begin() + static_cast<std::ptrdiff_t>(victim));
    const reconcile_report r1 = reconcile(removed, masters, ny, w);
    CHECK(r1.summary.missing == 1);
    CHECK(r1.summary.matched == fetched.size() - 1);

    std::vector<event> added = fetched;
    added.push_back(instance(fetched[victim].master_event_id, *fetched[victim].start_ms + 60000,
                             *fetched[victim].start_ms + 60000, 1800000));
    const reconcile_report r2 = reconcile(added, masters, ny, w);
    CHECK(r2.summary.unexpected == 1);
    CHECK(r2.summary.matched == fetched.size());

    std::vector<event> moved = fetched;
    moved[victim].start_ms = *moved[victim].start_ms + 2 * hour;
    moved[victim].end_ms = *moved[victim].end_ms + 2 * hour;
    const reconcile_report r3 = reconcile(moved, masters, ny, w);
    CHECK(r3.summary.moved == 1);
    CHECK(r3.summary.matched == fetched.size() - 1);
    CHECK(r3.summary.missing == 0);
  }
}
