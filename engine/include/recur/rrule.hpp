/// @file
/// recur/rrule.hpp: a parsed RFC 5545 3.3.10 recurrence rule (the RRULE value) as plain data.
///
/// `parse_rrule` reads the rule-part list ("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10", case-insensitive,
/// parts in any order, one trailing ';' allowed) and checks every value against the RFC's
/// ranges and the frequency-dependent restrictions. Errors name the part and the allowed range.
/// `to_string` writes the canonical form (fixed part order, upper case), and
/// `parse_rrule(to_string(r))` gives `r` back.
///
/// Strict by default. `parse_options::forbidden` says what to do with a part the RFC forbids in
/// that position (BYDAY ordinals with DAILY/WEEKLY/HOURLY..., BYWEEKNO outside YEARLY,
/// BYYEARDAY with DAILY/WEEKLY/MONTHLY, BYMONTHDAY with WEEKLY, BYSETPOS with no other BYxxx
/// part): reject it, ignore it with a warning (as Google Calendar does), or keep it as a filter
/// (as python-dateutil does). Ignored ordinals on BYDAY are dropped (MO kept).
///
/// Thread safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recur/export.hpp"
#include "recur/civil.hpp"
#include "recur/result.hpp"

namespace recur {

enum class frequency { secondly, minutely, hourly, daily, weekly, monthly, yearly };

RECUR_EXPORT const char* to_string(frequency f) noexcept;

/// One BYDAY item: a weekday, optionally with an ordinal (+n / -n); ordinal 0 means "every".
struct weekday_item {
  weekday day = weekday::mo;
  int ordinal = 0;  ///< -53..53
  friend bool operator==(weekday_item a, weekday_item b) { return a.day == b.day && a.ordinal == b.ordinal; }
};

/// UNTIL: a UTC date-time (…Z), a floating date-time (wall clock in the event's zone), or a
/// date (inclusive through the end of that local day).
struct until_value {
  enum class kind { utc, floating, date };
  kind form = kind::utc;
  civil_seconds time;  ///< utc: the UTC reading; floating: the wall-clock reading; date: local midnight
  friend bool operator==(const until_value& a, const until_value& b) { return a.form == b.form && a.time == b.time; }
};

struct rrule {
  frequency freq = frequency::daily;
  std::uint32_t interval = 1;
  std::optional<std::uint64_t> count;
  std::optional<until_value> until;
  std::vector<int> by_second, by_minute, by_hour;
  std::vector<weekday_item> by_day;
  std::vector<int> by_month_day, by_year_day, by_week_no, by_month, by_set_pos;
  weekday week_start = weekday::mo;
  bool week_start_given = false;          ///< WKST written explicitly (kept for round trip)
  std::vector<std::string> extensions;    ///< X-NAME=value parts, kept verbatim, ignored by expansion

  friend RECUR_EXPORT bool operator==(const rrule& a, const rrule& b);
  friend bool operator!=(const rrule& a, const rrule& b) { return !(a == b); }
};

/// Size limits on untrusted text; exceeding one is an error (code limit_exceeded) that says
/// which limit and how to raise it. Defaults are generous for real calendars.
struct parse_limits {
  std::size_t max_text_bytes = std::size_t{1} << 20;  ///< the whole recurrence text
  std::size_t max_dates = 100000;                     ///< EXDATE plus RDATE values
  std::size_t max_list_items = 1000;                  ///< items in one BYxxx list
};

/// What to do with a part RFC 5545 3.3.10 forbids in its position (BYDAY ordinals below
/// MONTHLY or with YEARLY;BYWEEKNO, BYWEEKNO below YEARLY, BYYEARDAY with DAILY/WEEKLY/MONTHLY,
/// BYMONTHDAY with WEEKLY, BYSETPOS with no other BYxxx part).
enum class forbidden_parts {
  reject,  ///< an error, code not_allowed (RFC 5545; the default)
  ignore,  ///< dropped with a warning, as Google Calendar does (--lenient)
  filter,  ///< kept as a limit on the candidate days, as python-dateutil does; BYDAY ordinals
           /// below MONTHLY are dropped (the weekday stays), with a warning
};

struct parse_options {
  parse_options() = default;
  explicit parse_options(bool lenient_mode)
      : forbidden(lenient_mode ? forbidden_parts::ignore : forbidden_parts::reject) {}
  forbidden_parts forbidden = forbidden_parts::reject;
  bool count_zero_is_empty = false;  ///< COUNT=0: rejected (RFC 5545: COUNT is positive) or an empty set (dateutil)
  parse_limits limits;
};

/// How the rule generator reads what engines read differently (recur/profile.hpp names the
/// sets). All false is RFC 5545 3.3.10 as recur reads it.
struct rule_reading {
  /// YEARLY with BYWEEKNO and no BYDAY/BYMONTHDAY/BYYEARDAY: every day of each listed week
  /// (dateutil) instead of DTSTART's weekday in it.
  bool week_number_whole_week = false;
  /// YEARLY with BYWEEKNO: a period is the calendar year, the week numbers filtering its days
  /// (dateutil), instead of the week-numbering year (so INTERVAL never splits a week).
  bool week_number_calendar_year = false;
  /// YEARLY with BYMONTHDAY and no BYMONTH/BYWEEKNO/BYYEARDAY: only DTSTART's month (libical)
  /// instead of every month (the table of RFC 5545 3.3.10 says "Expand").
  bool yearly_month_day_in_start_month = false;
  /// Negative BYMONTHDAY values with FREQ below MONTHLY match no day (libical).
  bool negative_month_day_below_monthly_never = false;
  friend bool operator==(const rule_reading& a, const rule_reading& b) {
    return a.week_number_whole_week == b.week_number_whole_week &&
           a.week_number_calendar_year == b.week_number_calendar_year &&
           a.yearly_month_day_in_start_month == b.yearly_month_day_in_start_month &&
           a.negative_month_day_below_monthly_never == b.negative_month_day_below_monthly_never;
  }
};

struct parsed_rrule {
  rrule rule;
  std::vector<std::string> warnings;  ///< forbidden parts ignored or read as filters, and why
};

/// Parses a rule-part list, with or without the "RRULE:" prefix.
RECUR_EXPORT result<parsed_rrule> parse_rrule(std::string_view text, parse_options options = {});

/// Canonical text without the "RRULE:" prefix, e.g. "FREQ=MONTHLY;COUNT=3;BYDAY=1MO".
RECUR_EXPORT std::string to_string(const rrule& rule);

/// "19970902T090000" (+ "Z" when utc) for a civil time.
RECUR_EXPORT std::string format_ical_date_time(civil_seconds t, bool utc);
/// "19970902"
RECUR_EXPORT std::string format_ical_date(civil_date d);

}  // namespace recur
