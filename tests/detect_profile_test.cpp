// Profile detection: instance ids written by a server of each reading are explained by that
// profile, and the ids that tell the profiles apart are named.
#include <catch2/catch.hpp>

#include "support/series_helper.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "recur/detect_profile.hpp"
#include "recur/instance_id.hpp"
#include "support/run_process.hpp"

using namespace recur;
using namespace recur::test;

namespace {

constexpr std::int64_t hour_ms = 3600000, day_ms = 86400000;

std::int64_t utc_ms(int y, int m, int d, int h = 9, int min = 0) {
  return days_from_civil(civil_date{y, m, d}) * day_ms + h * hour_ms + min * 60000;
}

event master(const std::string& id, const std::string& rrule, std::int64_t start_ms, std::int64_t length_ms) {
  event e;
  e.id = id;
  e.recurrence = rrule;
  e.start = from_unix_ms(start_ms);
  e.end = from_unix_ms(start_ms + length_ms);
  return e;
}

event instance(const std::string& master_id, std::int64_t start_ms, std::int64_t length_ms) {
  event e;
  e.id = id_ms(master_id, start_ms, length_ms / 1000);
  e.series_id = master_id;
  e.start = from_unix_ms(start_ms);
  e.end = from_unix_ms(start_ms + length_ms);
  return e;
}

std::vector<profile> candidates_of(const profile_detection& d) { return d.candidates; }

}  // namespace

TEST_CASE("detect: ids of a dateutil server (whole BYWEEKNO weeks) name dateutil", "[detect][profile]") {
  // ISO week 20 of 2026 is May 11..17; dateutil lists every day of it, the RFC Mondays only.
  const std::vector<event> masters{master("wk", "RRULE:FREQ=YEARLY;BYWEEKNO=20", utc_ms(2026, 5, 11), hour_ms)};
  std::vector<event> fetched;
  for (int d = 11; d <= 17; ++d) fetched.push_back(instance("wk", utc_ms(2026, 5, d), hour_ms));
  const profile_detection d = detect_profile(fetched, masters, zone{});
  CHECK(d.best == profile::dateutil);
  CHECK(d.explains_all);
  CHECK(candidates_of(d) == std::vector<profile>{profile::dateutil});
  CHECK(d.ids_checked == 7);
  CHECK(d.disagreements == profile_counts{6, 0, 6, 6});  // rfc, dateutil, libical, google: May 12..17
  REQUIRE(d.masters.size() == 1);
  CHECK(d.masters[0].separating.size() == 6);
  CHECK(d.masters[0].separating[0].id == id_ms("wk", utc_ms(2026, 5, 12), 3600));
}

TEST_CASE("detect: ids of a libical server (second fall-back instant) name libical", "[detect][profile]") {
  // Daily at 01:30 New York; 2026-11-01 01:30 happens twice: 05:30Z (EDT) and 06:30Z (EST).
  const zone ny = zone::load("America/New_York").value();
  const std::vector<event> masters{master("d", "RRULE:FREQ=DAILY", utc_ms(2026, 10, 30, 5, 30), hour_ms)};
  const std::vector<event> fetched{instance("d", utc_ms(2026, 10, 31, 5, 30), hour_ms),
                                   instance("d", utc_ms(2026, 11, 1, 6, 30), hour_ms),
                                   instance("d", utc_ms(2026, 11, 2, 6, 30), hour_ms)};
  const profile_detection d = detect_profile(fetched, masters, ny);
  CHECK(d.best == profile::libical);
  CHECK(d.explains_all);
  CHECK(d.disagreements == profile_counts{1, 1, 0, 1});
}

TEST_CASE("detect: an RFC server's ids, ties go to rfc, no profile fits a foreign id", "[detect][profile]") {
  // DTSTART on a Wednesday of a Monday rule: the RFC lists it, dateutil and libical do not.
  const std::vector<event> masters{master("w", "RRULE:FREQ=WEEKLY;BYDAY=MO", utc_ms(2026, 3, 4), hour_ms)};
  std::vector<event> fetched{instance("w", utc_ms(2026, 3, 4), hour_ms), instance("w", utc_ms(2026, 3, 9), hour_ms)};
  profile_detection d = detect_profile(fetched, masters, zone{});
  CHECK(d.best == profile::rfc);
  CHECK(candidates_of(d) == std::vector<profile>{profile::rfc, profile::google});
  // Mondays only: every profile explains them, and rfc is named.
  fetched.erase(fetched.begin());
  d = detect_profile(fetched, masters, zone{});
  CHECK(d.best == profile::rfc);
  CHECK(d.candidates.size() == profile_count);
  CHECK(d.masters[0].separating.empty());
  // A Tuesday is no profile's occurrence: the fewest disagreements win, and none explains all.
  fetched.push_back(instance("w", utc_ms(2026, 3, 10), hour_ms));
  d = detect_profile(fetched, masters, zone{});
  CHECK_FALSE(d.explains_all);
  CHECK(d.candidates.empty());
  CHECK(d.disagreements == profile_counts{1, 1, 1, 1});
}

TEST_CASE("detect: a rule only a lenient reading parses", "[detect][profile]") {
  // BYMONTHDAY with WEEKLY: the RFC and libical refuse it, Google ignores it, dateutil filters by it.
  const std::vector<event> masters{master("f", "RRULE:FREQ=WEEKLY;BYMONTHDAY=1,15", utc_ms(2026, 1, 1), hour_ms)};
  const std::vector<event> fetched{instance("f", utc_ms(2026, 1, 15), hour_ms), instance("f", utc_ms(2026, 2, 1), hour_ms)};
  const profile_detection d = detect_profile(fetched, masters, zone{});
  CHECK(d.best == profile::dateutil);
  CHECK(d.explains_all);
  // Google reads it as weekly on DTSTART's Thursday: Jan 15 is one, Feb 1 (a Sunday) is not.
  CHECK(d.disagreements == profile_counts{2, 0, 2, 1});
}

TEST_CASE("cli: detect-profile and reconcile --profile auto", "[detect][cli]") {
  const std::string path = "/tmp/recur-detect-test.json";
  {
    nlohmann::json events = nlohmann::json::array();
    events.push_back({{"id", "wk"},
                      {"rrule", "RRULE:FREQ=YEARLY;BYWEEKNO=20"},
                      {"startTime", "2026-05-11T09:00:00Z"},
                      {"endTime", "2026-05-11T10:00:00Z"}});
    for (int d = 11; d <= 17; ++d) {
      const std::int64_t ms = utc_ms(2026, 5, d);
      char start[32], end[32];
      std::snprintf(start, sizeof start, "2026-05-%02dT09:00:00Z", d);
      std::snprintf(end, sizeof end, "2026-05-%02dT10:00:00Z", d);
      events.push_back({{"id", id_ms("wk", ms, 3600)},
                        {"masterEventId", "wk"},
                        {"startTime", start},
                        {"endTime", end}});
    }
    std::ofstream(path) << nlohmann::json{{"events", events}}.dump();
  }
  const auto detect = test::run_process({RECUR_CLI, "detect-profile", "--events", path, "--tz", "UTC"});
  CHECK(detect.exit_code == 0);
  const auto report = nlohmann::json::parse(detect.out);
  CHECK(report["profile"] == "dateutil");
  CHECK(report["explains_all"] == true);
  CHECK(report["disagreements"]["rfc"] == 6);

  const auto rfc = test::run_process({RECUR_CLI, "reconcile", "--events", path, "--tz", "UTC"});
  CHECK(rfc.exit_code == 1);  // six unexpected under the RFC reading
  const auto rfc_report = nlohmann::json::parse(rfc.out);
  CHECK(rfc_report["summary"]["unexpected"] == 6);

  const auto autod = test::run_process({RECUR_CLI, "reconcile", "--events", path, "--tz", "UTC", "--profile", "auto"});
  CHECK(autod.exit_code == 0);
  const auto auto_report = nlohmann::json::parse(autod.out);
  CHECK(auto_report["summary"]["matched"] == 7);
  CHECK(auto_report["notes"][0] ==
        "profile auto: dateutil explains all 7 instance ids (rfc 6, dateutil 0, libical 6, google 6 disagreements)");
  std::remove(path.c_str());
}
