// Civil calendar arithmetic against an independent day-by-day walk of the calendar.
#include <catch2/catch.hpp>

#include "recur/civil.hpp"

using namespace recur;

TEST_CASE("civil: day numbers follow a day-by-day walk from 1600 to 2400", "[civil]") {
  // Walk forward one day at a time with only the month-length rule; compare with the closed form.
  civil_date d{1600, 1, 1};
  std::int64_t n = days_from_civil(d);
  int walked_weekday = static_cast<int>(weekday_of(n));
  for (int i = 0; i < 292194; ++i) {  // 800 years
    REQUIRE(days_from_civil(d) == n);
    REQUIRE(civil_from_days(n) == d);
    REQUIRE(static_cast<int>(weekday_of(n)) == walked_weekday);
    const int length = (d.month == 2) ? ((d.year % 4 == 0 && (d.year % 100 != 0 || d.year % 400 == 0)) ? 29 : 28)
                                      : (d.month == 4 || d.month == 6 || d.month == 9 || d.month == 11) ? 30 : 31;
    if (++d.day > length) {
      d.day = 1;
      if (++d.month > 12) {
        d.month = 1;
        ++d.year;
      }
    }
    ++n;
    walked_weekday = (walked_weekday + 1) % 7;
  }
}

TEST_CASE("civil: known anchors", "[civil]") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2000, 3, 1}) == 11017);
  CHECK(weekday_of(days_from_civil({2000, 1, 1})) == weekday::sa);  // 2000-01-01 was a Saturday
  CHECK(weekday_of(days_from_civil({1997, 9, 2})) == weekday::tu);  // RFC 5545 examples' DTSTART
  CHECK(weekday_of(days_from_civil({1, 1, 1})) == weekday::mo);     // proleptic Gregorian
  CHECK(civil_from_days(days_from_civil({9999, 12, 31})) == civil_date{9999, 12, 31});
  CHECK(civil_from_days(-1) == civil_date{1969, 12, 31});
}

TEST_CASE("civil: invalid dates are representable and flagged, never normalised", "[civil]") {
  CHECK_FALSE(valid({2021, 2, 29}));
  CHECK(valid({2020, 2, 29}));
  CHECK_FALSE(valid({1900, 2, 29}));
  CHECK(valid({2000, 2, 29}));
  CHECK_FALSE(valid({2021, 4, 31}));
  CHECK_FALSE(valid({2021, 13, 1}));
  CHECK_FALSE(valid({2021, 0, 1}));
}

TEST_CASE("civil: split and make_civil are inverse, before and after 1970", "[civil]") {
  for (std::int64_t t : {INT64_C(0), INT64_C(-1), INT64_C(86399), INT64_C(-86401), INT64_C(253402300799),
                         INT64_C(-62135596800)}) {
    const civil_fields f = split(civil_seconds{t});
    CHECK(make_civil(f.date, f.hour, f.minute, f.second).value == t);
  }
  const civil_fields f = split(civil_seconds{-1});
  CHECK(f.date == civil_date{1969, 12, 31});
  CHECK(f.hour == 23);
  CHECK(f.minute == 59);
  CHECK(f.second == 59);
}
