// Private: POSIX TZ rules ("EST5EDT,M3.2.0,M11.1.0"), the footer of a TZif file.
//
// Compiled zoneinfo lists explicit transitions only up to some year (2037 for "fat" files,
// earlier for "slim" ones) and describes every later year with this footer (date/tz's
// OS-database reader ignores it, so there New York stays on standard time after 2037). recur
// reads the footer (time/tzif.cpp) and uses it past the last transition.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "time/zone_seconds.hpp"

namespace recur::detail {

struct posix_rule {
  // A transition date: Jn (1..365, Feb 29 never counted), n (0..365), or Mm.w.d.
  struct date_rule {
    enum class kind { julian_no_leap, zero_based, month_week_day } form = kind::month_week_day;
    int day = 0;    // Jn / n
    int month = 0;  // Mm.w.d
    int week = 0;   // 1..5, 5 = last
    int weekday = 0;  // 0 = Sunday
    int time = 7200;  // seconds after local midnight, may be negative or > 24h (TZif v3)
  };
  int std_offset = 0;  // seconds east of UTC
  bool has_dst = false;
  int dst_offset = 0;
  date_rule start, end;  // DST starts (in standard time) and ends (in DST)
};

// Parses a POSIX TZ string; nullopt if it is not one.
std::optional<posix_rule> parse_posix_tz(std::string_view text);

// A DST rule's transition: when (UTC seconds) and the offset after it.
struct posix_transition {
  std::int64_t at = 0;
  int offset_after = 0;
};

// A DST rule's two transitions in `year`, in order.
std::array<posix_transition, 2> posix_transitions(const posix_rule& rule, int year);

// The offset range containing `utc_seconds` under the rule, never starting before `floor`.
utc_range posix_range_at(const posix_rule& rule, std::int64_t utc_seconds, std::int64_t floor);

}  // namespace recur::detail
