/// @file
/// recur/civil.hpp: civil (wall-clock) time, kept apart from absolute time.
///
/// Three concepts, as in cctz and date/tz:
///   * an instant is absolute time: `recur::instant` (recur/instant.hpp), a std::chrono time
///     point in milliseconds;
///   * civil time is a wall-clock reading with no zone: `civil_seconds`, seconds counted on
///     the proleptic Gregorian calendar from 1970-01-01T00:00:00 *local*;
///   * a zone (recur/zone.hpp) is the only bridge between the two.
/// Recurrence rules are expanded entirely in civil time; a candidate becomes an instant once,
/// at the end. The calendar functions here are closed-form integer arithmetic (constexpr,
/// noexcept) valid for years -32767..32767; they never normalise an invalid date, callers test
/// `valid()` and skip, as RFC 5545 demands for e.g. February 30.
///
/// Thread safety: pure functions and plain values.
#pragma once

#include <cstdint>

namespace recur {

/// Weekday numbering used throughout recur: 0 = Monday ... 6 = Sunday (RFC 5545's MO..SU order).
enum class weekday : int { mo = 0, tu, we, th, fr, sa, su };

struct civil_date {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
  friend constexpr bool operator==(civil_date a, civil_date b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
};

/// A wall-clock reading; strong type so it cannot be mixed with an instant by accident.
struct civil_seconds {
  std::int64_t value = 0;  ///< seconds since 1970-01-01T00:00:00 wall clock
  friend constexpr bool operator==(civil_seconds a, civil_seconds b) { return a.value == b.value; }
  friend constexpr bool operator!=(civil_seconds a, civil_seconds b) { return a.value != b.value; }
  friend constexpr bool operator<(civil_seconds a, civil_seconds b) { return a.value < b.value; }
  friend constexpr bool operator<=(civil_seconds a, civil_seconds b) { return a.value <= b.value; }
  friend constexpr bool operator>(civil_seconds a, civil_seconds b) { return a.value > b.value; }
  friend constexpr bool operator>=(civil_seconds a, civil_seconds b) { return a.value >= b.value; }
};

constexpr std::int64_t seconds_per_day = 86400;

constexpr bool is_leap_year(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr int days_in_month(int y, int m) noexcept {
  constexpr int table[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : table[m - 1];
}

constexpr int days_in_year(int y) noexcept { return is_leap_year(y) ? 366 : 365; }

constexpr bool valid(civil_date d) noexcept {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

/// Days since 1970-01-01 (negative before). Era-based closed form: a 400-year era has 146097 days.
constexpr std::int64_t days_from_civil(civil_date d) noexcept {
  const std::int64_t y = static_cast<std::int64_t>(d.year) - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;                           ///< 0..399
  const std::int64_t month_from_march = (d.month + 9) % 12;                 ///< Mar = 0 .. Feb = 11
  const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + d.day - 1;  ///< 0..365
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;  ///< 719468 = days from 0000-03-01 to 1970-01-01
}

constexpr civil_date civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t day_of_era = z - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return civil_date{static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0)), month, day};
}

/// Weekday of a day number (1970-01-01 was a Thursday).
constexpr weekday weekday_of(std::int64_t days) noexcept {
  const std::int64_t w = (days + 3) % 7;  ///< Monday-based
  return static_cast<weekday>(w < 0 ? w + 7 : w);
}

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) noexcept { return a - floor_div(a, b) * b; }

struct civil_fields {
  civil_date date;
  int hour = 0, minute = 0, second = 0;
};

constexpr civil_seconds make_civil(civil_date d, int hour, int minute, int second) noexcept {
  return civil_seconds{days_from_civil(d) * seconds_per_day + hour * 3600 + minute * 60 + second};
}

constexpr civil_fields split(civil_seconds t) noexcept {
  const std::int64_t days = floor_div(t.value, seconds_per_day);
  const std::int64_t sod = t.value - days * seconds_per_day;
  return civil_fields{civil_from_days(days), static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60),
                      static_cast<int>(sod % 60)};
}

constexpr std::int64_t day_number(civil_seconds t) noexcept { return floor_div(t.value, seconds_per_day); }

}  // namespace recur
