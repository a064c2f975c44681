// Interpretation profiles: each switch alone against an answer computed by hand from the RFC
// or the engine it imitates, the libical profile against libical itself, the profiles' agreement
// where they must agree, and detection of the profile that wrote a set of instance ids.
#include <catch2/catch.hpp>

#include <random>

#include "recur/detect_profile.hpp"
#include "recur/profile.hpp"
#include "recur/instance_id.hpp"
#include "support/libical_oracle.hpp"
#include "support/series_helper.hpp"

using namespace recur;
using namespace recur::test;

namespace {

constexpr std::int64_t hour_ms = 3600000, day_ms = 86400000;

// UTC epoch ms of a civil date and hour (the series below run in UTC unless they say).
std::int64_t utc_ms(int y, int m, int d, int h = 9, int min = 0) {
  return days_from_civil(civil_date{y, m, d}) * day_ms + h * hour_ms + min * 60000;
}

result<series> series_under(profile p, const std::string& text, std::int64_t dtstart_ms, const zone& z = zone{}) {
  const interpretation how = interpretation_of(p);
  auto parsed = parse_recurrence(text, how.parse);
  if (!parsed) return parsed.err();
  return make_series(parsed.value().value, from_unix_ms(dtstart_ms), z, milliseconds{0}, how.series);
}

std::vector<std::int64_t> first_n_under(profile p, const std::string& text, std::int64_t dtstart_ms, std::size_t n,
                                        const zone& z = zone{}) {
  auto s = series_under(p, text, dtstart_ms, z);
  INFO(to_string(p) << " " << text);
  REQUIRE(s.ok());
  return test::first_n(s.value(), n);
}

}  // namespace

TEST_CASE("profile: names read back, unknown names are refused", "[profile]") {
  for (profile p : all_profiles) CHECK(parse_profile(to_string(p)).value() == p);
  const auto bad = parse_profile("outlook");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.err().code == error_code::bad_value);
  CHECK(bad.err().message == "unknown profile 'outlook' (one of rfc, dateutil, libical, google)");
}

TEST_CASE("profile: forbidden parts are rejected, ignored or kept as filters", "[profile]") {
  const std::string text = "FREQ=MONTHLY;BYWEEKNO=33";
  const auto rfc = parse_rrule(text, interpretation_of(profile::rfc).parse);
  REQUIRE_FALSE(rfc.ok());
  CHECK(rfc.err().code == error_code::not_allowed);
  const auto google = parse_rrule(text, interpretation_of(profile::google).parse);
  REQUIRE(google.ok());
  CHECK(google.value().rule.by_week_no.empty());
  const auto dateutil = parse_rrule(text, interpretation_of(profile::dateutil).parse);
  REQUIRE(dateutil.ok());
  CHECK(dateutil.value().rule.by_week_no == std::vector<int>{33});
  CHECK(dateutil.value().warnings ==
        std::vector<std::string>{"BYWEEKNO is only allowed with FREQ=YEARLY, not FREQ=MONTHLY; kept as a filter "
                                 "(dateutil reading)"});
  // Week 33 of 2027 (ISO weeks: 2027-01-04 is Monday of week 1) is Aug 16..22: a monthly rule
  // filtered by it gives those seven days, every day of the week.
  const auto days = first_n_under(profile::dateutil, text, utc_ms(2027, 8, 1), 8);
  std::vector<std::int64_t> expected;
  for (int d = 16; d <= 22; ++d) expected.push_back(utc_ms(2027, 8, d));
  expected.push_back(utc_ms(2028, 8, 14));  // 2028-01-03 is Monday of week 1; +32 weeks
  CHECK(days == expected);
}

TEST_CASE("profile: BYDAY ordinals below MONTHLY: the dateutil reading keeps the weekday", "[profile]") {
  const auto r = parse_rrule("FREQ=DAILY;BYDAY=2TU", interpretation_of(profile::dateutil).parse);
  REQUIRE(r.ok());
  CHECK(r.value().rule.by_day == std::vector<weekday_item>{{weekday::tu, 0}});
  // YEARLY with BYWEEKNO: dateutil counts the ordinal within the year, so it stays.
  const auto y = parse_rrule("FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO", interpretation_of(profile::dateutil).parse);
  REQUIRE(y.ok());
  CHECK(y.value().rule.by_day == std::vector<weekday_item>{{weekday::mo, 1}});
}

TEST_CASE("profile: COUNT=0 is an error by the RFC and an empty set for dateutil", "[profile]") {
  CHECK(parse_rrule("FREQ=DAILY;COUNT=0").err().code == error_code::out_of_range);
  CHECK(first_n_under(profile::dateutil, "FREQ=DAILY;COUNT=0", utc_ms(2026, 3, 1), 5).empty());
  // COUNT=0 admitted alone keeps DTSTART out too: zero occurrences is zero.
  parse_options p;
  p.count_zero_is_empty = true;
  auto s = make_series(parse_recurrence("FREQ=DAILY;COUNT=0", p).value().value, from_unix_ms(utc_ms(2026, 3, 1)), zone{}, milliseconds{0});
  CHECK(test::first_n(s.value(), 5).empty());
}

TEST_CASE("profile: DTSTART off the rule is the first occurrence only by the RFC", "[profile]") {
  // Wednesday 2026-03-04; the rule gives Mondays.
  const std::string text = "FREQ=WEEKLY;BYDAY=MO;COUNT=3";
  const std::int64_t wed = utc_ms(2026, 3, 4);
  const std::vector<std::int64_t> rfc{wed, utc_ms(2026, 3, 9), utc_ms(2026, 3, 16)};
  const std::vector<std::int64_t> rule_only{utc_ms(2026, 3, 9), utc_ms(2026, 3, 16), utc_ms(2026, 3, 23)};
  CHECK(first_n_under(profile::rfc, text, wed, 5) == rfc);
  CHECK(first_n_under(profile::google, text, wed, 5) == rfc);
  CHECK(first_n_under(profile::dateutil, text, wed, 5) == rule_only);
  CHECK(first_n_under(profile::libical, text, wed, 5) == rule_only);
  // A rule that never matches: DTSTART alone, or nothing.
  const std::string never = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30";
  CHECK(first_n_under(profile::rfc, never, wed, 5) == std::vector<std::int64_t>{wed});
  CHECK(first_n_under(profile::dateutil, never, wed, 5).empty());
}

TEST_CASE("profile: COUNT skip-ahead counts DTSTART by the profile's rule", "[profile]") {
  // Monthly on the 15th from a DTSTART on the 1st, COUNT=1000: the 1000th occurrence is the
  // 999th rule instance (RFC) or the 1000th (dateutil). A window far from DTSTART uses the
  // count index; the full expansion replays; both must agree.
  const std::string text = "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=1000";
  for (profile p : {profile::rfc, profile::dateutil}) {
    auto s = series_under(p, text, utc_ms(2026, 1, 1));
    REQUIRE(s.ok());
    const auto all = test::first_n(s.value(), 2000);
    CHECK(all.size() == 1000);
    const std::int64_t last = p == profile::rfc ? utc_ms(2026 + 998 / 12, 1 + 998 % 12, 15)
                                                : utc_ms(2026 + 999 / 12, 1 + 999 % 12, 15);
    CHECK(all.back() == last);
    const auto tail = expand_ms(s.value(), window_ms(all[990], all.back() + day_ms * 400));
    CHECK(tail == std::vector<std::int64_t>(all.begin() + 990, all.end()));
  }
}

TEST_CASE("profile: YEARLY BYWEEKNO without a day", "[profile]") {
  // ISO week 20: 2026-05-11..17 and 2027-05-17..23 (Mondays from week 1 of each year).
  const std::string text = "FREQ=YEARLY;BYWEEKNO=20;COUNT=8";
  const std::int64_t dtstart = utc_ms(2026, 5, 11);
  CHECK(first_n_under(profile::rfc, text, dtstart, 3) ==
        std::vector<std::int64_t>{dtstart, utc_ms(2027, 5, 17), utc_ms(2028, 5, 15)});
  std::vector<std::int64_t> week;
  for (int d = 11; d <= 17; ++d) week.push_back(utc_ms(2026, 5, d));
  week.push_back(utc_ms(2027, 5, 17));
  CHECK(first_n_under(profile::dateutil, text, dtstart, 8) == week);
}

TEST_CASE("profile: UNTIL as a DATE", "[profile]") {
  const std::string text = "FREQ=DAILY;UNTIL=20260305";
  CHECK(first_n_under(profile::rfc, text, utc_ms(2026, 3, 1), 10).size() == 5);       // through Mar 5
  CHECK(first_n_under(profile::dateutil, text, utc_ms(2026, 3, 1), 10).size() == 4);  // Mar 5 00:00 ends it
}

TEST_CASE("profile: the libical reading of YEARLY BYMONTHDAY, negative BYMONTHDAY and overlaps", "[profile]") {
  CHECK(first_n_under(profile::rfc, "FREQ=YEARLY;BYMONTHDAY=15", utc_ms(2026, 1, 15), 3) ==
        std::vector<std::int64_t>{utc_ms(2026, 1, 15), utc_ms(2026, 2, 15), utc_ms(2026, 3, 15)});
  CHECK(first_n_under(profile::libical, "FREQ=YEARLY;BYMONTHDAY=15", utc_ms(2026, 1, 15), 3) ==
        std::vector<std::int64_t>{utc_ms(2026, 1, 15), utc_ms(2027, 1, 15), utc_ms(2028, 1, 15)});
  // June 2026 has 30 days: -20 is June 11, which libical never matches.
  CHECK(first_n_under(profile::libical, "FREQ=DAILY;BYMONTHDAY=28,-20", utc_ms(2026, 6, 1), 2) ==
        std::vector<std::int64_t>{utc_ms(2026, 6, 28), utc_ms(2026, 7, 28)});
  // New York falls back on 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
  const zone ny = zone::load("America/New_York").value();
  const std::int64_t oct31 = utc_ms(2026, 10, 31, 5, 30);  // 01:30 EDT
  CHECK(first_n_under(profile::rfc, "FREQ=DAILY;COUNT=2", oct31, 2, ny)[1] == utc_ms(2026, 11, 1, 5, 30));
  CHECK(first_n_under(profile::libical, "FREQ=DAILY;COUNT=2", oct31, 2, ny)[1] == utc_ms(2026, 11, 1, 6, 30));
}

TEST_CASE("profile: libical profile equals libical on generated rules, DTSTART included", "[profile][libical]") {
  std::mt19937 rng(3355);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* freqs[] = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
  const char* days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  int compared = 0, agreed = 0;
  for (int i = 0; i < 600; ++i) {
    const std::string freq = freqs[pick(0, 3)];
    std::string rule = "FREQ=" + freq;
    if (freq != "WEEKLY" && pick(0, 2) == 0) rule += ";INTERVAL=" + std::to_string(pick(2, 4));  // libical's WEEKLY phase is not imitated
    if (pick(0, 2) == 0) rule += ";BYMONTH=" + std::to_string(pick(1, 12));
    if (freq != "WEEKLY" && pick(0, 1) == 0) {
      rule += ";BYMONTHDAY=" + std::to_string(pick(1, 28));
      if (pick(0, 1) == 0) rule += "," + std::to_string(-pick(1, 28));  // negative, mixed with a positive one
    }
    if (pick(0, 2) == 0) rule += std::string(";BYDAY=") + days[pick(0, 6)] + "," + days[pick(0, 6)];
    const int y = 2010 + pick(0, 19), m = pick(1, 12), d = pick(1, 28);
    char dtstart[32];
    std::snprintf(dtstart, sizeof dtstart, "%04d%02d%02dT090000", y, m, d);
    INFO("RRULE:" << rule << " DTSTART:" << dtstart);
    auto theirs = test::libical_expand(rule, dtstart, 60);
    if (!theirs) continue;
    std::sort(theirs->begin(), theirs->end());
    theirs->erase(std::unique(theirs->begin(), theirs->end()), theirs->end());
    if (theirs->size() > 20) theirs->resize(20);
    const auto mine = first_n_under(profile::libical, "RRULE:" + rule, utc_ms(y, m, d), theirs->size());
    std::vector<std::int64_t> mine_s;
    for (std::int64_t ms : mine) mine_s.push_back(ms / 1000);
    ++compared;
    CHECK(mine_s == *theirs);
    if (mine_s == *theirs) ++agreed;
  }
  CHECK(compared > 400);
  WARN("libical profile: " << agreed << " of " << compared << " generated rules equal libical's expansion");
}

TEST_CASE("profile: every profile agrees where the readings coincide", "[profile][property]") {
  // DTSTART on the rule, nothing out of position, no BYWEEKNO, no YEARLY BYMONTHDAY without
  // BYMONTH, no negative BYMONTHDAY, no UNTIL date, no fall-back time: every profile must give
  // the same occurrences. DTSTART is put on the rule by construction: it is the third
  // occurrence of the same rule started earlier (an instance of an aligned period, with the
  // same time of day and default day).
  std::mt19937 rng(1729);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* freqs[] = {"HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
  const char* days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  const zone berlin = zone::load("Europe/Berlin").value();
  int checked = 0;
  for (int i = 0; i < 600; ++i) {
    const int f = pick(0, 4);
    std::string rule = std::string("FREQ=") + freqs[f] + ";INTERVAL=" + std::to_string(pick(1, 3));
    const bool month_day = f >= 3 && pick(0, 1) == 0;
    if (pick(0, 2) == 0 || (f == 4 && month_day))  // YEARLY BYMONTHDAY needs BYMONTH here (libical reads it otherwise)
      rule += ";BYMONTH=" + std::to_string(pick(1, 12)) + "," + std::to_string(pick(1, 12));
    if (month_day) rule += ";BYMONTHDAY=" + std::to_string(pick(1, 28));
    if (pick(0, 1) == 0) {
      rule += ";BYDAY=";
      rule += (f >= 3 && pick(0, 1) == 0 ? std::to_string(pick(1, 4)) : std::string()) + days[pick(0, 6)];
    }
    if (f == 1 && pick(0, 2) == 0) rule += ";BYHOUR=10,15";
    if (f == 0) rule += ";BYHOUR=8,9,10,11,12,13";  // no fall-back hour: there the overlap readings differ
    INFO(rule);
    auto base = series_under(profile::rfc, rule, utc_ms(2026 + pick(0, 5), pick(1, 12), pick(1, 28), 10), berlin);
    REQUIRE(base.ok());
    const auto earlier = test::first_n(base.value(), 3);
    if (earlier.size() < 3) continue;
    const std::string counted = rule + ";COUNT=" + std::to_string(pick(1, 30));
    const auto reference = first_n_under(profile::rfc, counted, earlier[2], 40, berlin);
    REQUIRE_FALSE(reference.empty());
    CHECK(reference.front() == earlier[2]);
    for (profile p : all_profiles) {
      INFO(to_string(p));
      CHECK(first_n_under(p, counted, earlier[2], 40, berlin) == reference);
    }
    ++checked;
  }
  CHECK(checked >= 300);
}
