// validate(): every reason, and the property that it holds exactly for the ids expand yields.
#include <catch2/catch.hpp>

#include <random>

#include "recur/validate.hpp"
#include "support/series_helper.hpp"

using namespace recur;
using namespace recur::test;
using recur::test::make_test_series;

namespace {
std::int64_t utc_ms(int y, int mo, int d, int h = 0, int mi = 0) {
  return make_civil(civil_date{y, mo, d}, h, mi, 0).value * 1000;
}
}  // namespace

TEST_CASE("validate: each reason", "[validate]") {
  // Daily at 09:00Z from 2026-03-01, 5 occurrences, 2026-03-03 excluded, 30 minutes.
  const series s = make_test_series("FREQ=DAILY;COUNT=5 EXDATE:20260303T090000Z", "2026-03-01T09:00:00Z", std::nullopt,
                                    1800);
  const auto id = [](std::int64_t start, int duration = 1800) { return id_ms("m1", start, duration); };
  CHECK(validate(s, "m1", id(utc_ms(2026, 3, 1, 9))).valid());
  CHECK(validate(s, "m1", id(utc_ms(2026, 3, 5, 9))).valid());
  const auto reason = [&](const std::string& text) { return validate(s, "m1", text).reason; };
  CHECK(reason("m1-1772355600000-1800") == invalid_reason::malformed_id);
  CHECK(reason(id_ms("m2", utc_ms(2026, 3, 2, 9), 1800)) == invalid_reason::wrong_master);
  CHECK(reason(id(utc_ms(2026, 2, 28, 9))) == invalid_reason::before_start);
  CHECK(reason(id(utc_ms(2026, 3, 6, 9))) == invalid_reason::after_end);
  CHECK(reason(id(utc_ms(2026, 3, 2, 10))) == invalid_reason::not_on_rule);
  CHECK(reason(id(utc_ms(2026, 3, 3, 9))) == invalid_reason::excluded);
  CHECK(reason(id(utc_ms(2026, 3, 2, 9), 3600)) == invalid_reason::duration_differs);
  CHECK(validate(s, "m1", id(utc_ms(2026, 3, 2, 10))).message ==
        "the series has no occurrence starting 2026-03-02T10:00:00+00:00 (the next one starts "
        "2026-03-03T09:00:00+00:00)");
  CHECK(validate(s, "m1", id(utc_ms(2026, 3, 3, 9))).message ==
        "the occurrence 2026-03-03T09:00:00+00:00 is removed by EXDATE");

  const series until = make_test_series("FREQ=WEEKLY;UNTIL=20260322T090000Z", "2026-03-01T09:00:00Z", std::nullopt);
  CHECK(validate(until, "m", id_ms("m", utc_ms(2026, 3, 22, 9), 0)).valid());
  CHECK(validate(until, "m", id_ms("m", utc_ms(2026, 3, 29, 9), 0)).reason == invalid_reason::after_end);
}

TEST_CASE("validate: a point query in a series that started in 1970", "[validate]") {
  const series s = make_test_series("FREQ=WEEKLY;BYDAY=TU,TH", "1970-01-01T09:00:00-05:00",
                                    std::string("America/New_York"), 3600);
  // 2026-03-10 is a Tuesday, 09:00 EDT = 13:00Z; 2026-03-11 a Wednesday.
  CHECK(validate(s, "w", id_ms("w", utc_ms(2026, 3, 10, 13), 3600)).valid());
  CHECK(validate(s, "w", id_ms("w", utc_ms(2026, 3, 11, 13), 3600)).reason == invalid_reason::not_on_rule);
}

TEST_CASE("validate: holds exactly for the ids expand yields (generated series)", "[validate][property]") {
  std::mt19937 rng(777);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* rules[] = {"FREQ=DAILY;COUNT=40", "FREQ=WEEKLY;BYDAY=MO,FR;INTERVAL=2", "FREQ=MONTHLY;BYDAY=-1FR",
                         "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=9", "FREQ=HOURLY;INTERVAL=5;BYHOUR=1,2,3,4,5,6",
                         "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=DAILY;BYHOUR=2,3;BYMINUTE=30 EXDATE:20250310T023000"};
  const char* zones[] = {"America/New_York", "Europe/Berlin", "Australia/Sydney", "UTC"};
  for (int i = 0; i < 60; ++i) {
    const std::string rule = rules[pick(0, 6)];
    const std::string zone = zones[pick(0, 3)];
    const series s = make_test_series(rule, "2025-0" + std::to_string(pick(1, 3)) + "-0" + std::to_string(pick(1, 9)) +
                                                "T02:30:00Z",
                                      zone, 900);
    INFO(rule << " in " << zone);
    const window w = window_ms(utc_ms(2025, 1, 1), utc_ms(2025, 1, 1) + std::int64_t{pick(20, 400)} * 86400000);
    const auto starts = expand_ms(s, w);
    std::vector<std::int64_t> all_in_window;
    for (std::int64_t t : starts) {
      CHECK(validate(s, "m", id_ms("m", t, 900)).valid());
      all_in_window.push_back(t);
    }
    // Neighbours of each occurrence (one second, one hour, one day off) are valid only when
    // they are occurrences themselves.
    for (std::int64_t t : starts)
      for (std::int64_t delta : {INT64_C(1000), INT64_C(3600000), INT64_C(86400000), INT64_C(-3600000)}) {
        const std::int64_t probe = t + delta;
        if (probe < unix_ms(w.from) || probe > unix_ms(w.to)) continue;
        const bool is_occurrence = std::binary_search(all_in_window.begin(), all_in_window.end(), probe);
        CHECK(validate(s, "m", id_ms("m", probe, 900)).valid() == is_occurrence);
      }
  }
}
