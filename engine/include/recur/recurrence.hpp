/// @file
/// recur/recurrence.hpp: the recurrence text exactly as the calendar API carries it.
///
/// The API's `rrule` field holds content lines separated by a newline, CRLF or (in some
/// renderings) a space:
///
///     RRULE:FREQ=DAILY;INTERVAL=1;UNTIL=20210623T043000Z
///     EXDATE:20211105T040000Z,20211105T040000Z
///
/// Accepted: the RRULE line with or without "RRULE:"; property and parameter names in any
/// case; any number of EXDATE and RDATE lines; values in UTC ("...Z"), floating (wall clock in
/// the event's zone), with ";TZID=Zone/Name" (wall clock in that zone), or ";VALUE=DATE"
/// ("20211105": for EXDATE, every occurrence on that local date; for RDATE, that date at
/// DTSTART's time of day); duplicate values. DTSTART is not part of the text: it is the
/// event's startTime (recur/series.hpp).
///
/// Rejected with an error naming the bad piece: no RRULE, several RRULEs, EXRULE (deprecated
/// by RFC 5545), RDATE;VALUE=PERIOD, a malformed or impossible value, an unknown TZID.
///
/// Thread safety: plain values and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "recur/export.hpp"
#include "recur/result.hpp"
#include "recur/rrule.hpp"

namespace recur {

/// One EXDATE or RDATE value.
struct date_value {
  enum class kind { utc, floating, zoned, date };
  kind form = kind::utc;
  civil_seconds time;  ///< utc: the UTC reading; floating/zoned: wall clock; date: local midnight
  std::string tzid;    ///< zoned only
  friend bool operator==(const date_value& a, const date_value& b) {
    return a.form == b.form && a.time == b.time && a.tzid == b.tzid;
  }
};

struct recurrence {
  rrule rule;
  std::vector<date_value> exdates;
  std::vector<date_value> rdates;
  friend bool operator==(const recurrence& a, const recurrence& b) {
    return a.rule == b.rule && a.exdates == b.exdates && a.rdates == b.rdates;
  }
};

struct parsed_recurrence {
  recurrence value;
  std::vector<std::string> warnings;  ///< lenient mode only
};

RECUR_EXPORT result<parsed_recurrence> parse_recurrence(std::string_view text, parse_options options = {});

/// Canonical text: "RRULE:..." then one "EXDATE..." / "RDATE..." line per value form, joined
/// by '\n'. parse_recurrence(to_string(r)) == r.
RECUR_EXPORT std::string to_string(const recurrence& r);

}  // namespace recur
