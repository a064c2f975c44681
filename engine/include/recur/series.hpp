// recur/series.hpp: a recurrence anchored at DTSTART in a zone, ready to expand.
//
// DTSTART is the event's startTime, an instant. With an IANA zone the rule runs on that
// zone's wall clock (DST included) and DTSTART's wall-clock reading is the zone's at that
// instant; with a fixed-offset zone (zone::fixed, e.g. the offset written in startTime) the
// wall clock never shifts. Every instance carries DTSTART's sub-second part.
//
// make_series resolves what the text left relative: UNTIL, EXDATE and RDATE values that are
// floating (event zone) or carry a TZID, each by the RFC 5545 3.3.5 rules (see zone.hpp).
//
// Thread safety: immutable after construction (its lazily built COUNT index is built once,
// thread-safely); any number of iterators on any threads may read one series.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "recur/recurrence.hpp"
#include "recur/result.hpp"
#include "recur/zone.hpp"

namespace recur {

namespace detail {
class rule_generator;
struct count_cache;
}  // namespace detail

// Whether DTSTART is an occurrence when the rule does not produce it.
enum class dtstart_policy {
  always_first,      // RFC 5545 3.3.10: "always counts as the first occurrence", and COUNT counts it
  only_when_on_rule, // dateutil and libical: only when the rule produces it; COUNT counts rule instances
};

// UNTIL given as a DATE with a date-time DTSTART.
enum class until_date_policy {
  end_of_day,    // inclusive through the end of that local day (recur's RFC reading)
  start_of_day,  // local midnight at the start of that day (dateutil)
};

// How a series reads what RFC 5545 leaves open or engines read differently; recur/profile.hpp
// names the sets of python-dateutil, libical and Google Calendar. The defaults are RFC 5545.
struct series_options {
  gap_policy gaps = gap_policy::shift_forward;
  overlap_policy overlaps = overlap_policy::earliest;
  dtstart_policy dtstart = dtstart_policy::always_first;
  until_date_policy until_date = until_date_policy::end_of_day;
  rule_reading reading;
};

struct series {
  recurrence rec;
  zone tz;
  std::int64_t dtstart_ms = 0;
  std::int64_t duration_ms = 0;
  series_options options;  // how the text is read: DST gaps and overlaps, DTSTART, UNTIL dates, rule readings

  // Derived by make_series.
  civil_seconds dtstart_local;             // DTSTART on the series' wall clock (whole seconds)
  std::int64_t sub_second_ms = 0;          // DTSTART's milliseconds within its second
  std::optional<std::int64_t> until_ms;    // UNTIL as an instant, inclusive
  std::vector<std::int64_t> exdate_ms;     // excluded instants, sorted, unique
  std::vector<std::int64_t> exdate_days;   // VALUE=DATE exclusions as local day numbers, sorted, unique
  std::vector<std::int64_t> rdate_ms;      // added instants, sorted, unique

  // recur's own (do not use): the rule compiled once for every iterator, and the COUNT index,
  // built on first use (thread-safely) and shared by copies of the series.
  std::shared_ptr<const detail::rule_generator> compiled_rule;
  std::shared_ptr<detail::count_cache> count_cache;

  // True when the rule alone has an end (COUNT or UNTIL).
  bool finite() const noexcept { return rec.rule.count.has_value() || rec.rule.until.has_value(); }
};

// Errors: bad_time when DTSTART is outside years 1..9999 or the duration is negative;
// unknown_zone for an EXDATE/RDATE TZID that does not load.
result<series> make_series(recurrence rec, std::int64_t dtstart_ms, zone tz, std::int64_t duration_ms,
                           series_options options = {});

}  // namespace recur
