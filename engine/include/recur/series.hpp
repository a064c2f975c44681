/// @file
/// recur/series.hpp: a recurring event's series, the one way into expansion and validation.
///
/// A `series` is an immutable value: the recurrence (RRULE, EXDATE, RDATE) anchored at DTSTART
/// in a zone, with the occurrences' length. Make one with `make_series` from the recurrence
/// text as the API carries it (or a parsed `recurrence`), or with `series_of` from an API event
/// (recur/event_series.hpp). Then:
///     occurrences(s, window)     the occurrences in a window, lazily (recur/expand.hpp)
///     expand(s, window)          the same, collected
///     instance_ids(s, id, w)     their instance ids
///     contains(s, instant)       a point query (recur/validate.hpp)
///     validate(s, id, text)      is a server's instance id one of them?
///
/// DTSTART is the event's startTime, an instant. With an IANA zone the rule runs on that
/// zone's wall clock (DST included) and DTSTART's wall-clock reading is the zone's at that
/// instant; with a fixed-offset zone (zone::fixed, e.g. the offset written in startTime) the
/// wall clock never shifts. Every instance carries DTSTART's sub-second part.
///
/// make_series resolves what the text left relative: UNTIL, EXDATE and RDATE values that are
/// floating (event zone) or carry a TZID, each by the RFC 5545 3.3.5 rules (see zone.hpp).
///
/// Thread safety: immutable; copies share one compiled rule and one COUNT index (built on
/// first use, thread-safely). Any number of threads may read one series.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "recur/export.hpp"
#include "recur/instant.hpp"
#include "recur/recurrence.hpp"
#include "recur/result.hpp"
#include "recur/zone.hpp"

namespace recur {

namespace detail {
struct series_data;
struct series_access;
}  // namespace detail

/// Whether DTSTART is an occurrence when the rule does not produce it.
enum class dtstart_policy {
  always_first,      ///< RFC 5545 3.3.10: "always counts as the first occurrence", and COUNT counts it
  only_when_on_rule, ///< dateutil and libical: only when the rule produces it; COUNT counts rule instances
};

/// UNTIL given as a DATE with a date-time DTSTART.
enum class until_date_policy {
  end_of_day,    ///< inclusive through the end of that local day (recur's RFC reading)
  start_of_day,  ///< local midnight at the start of that day (dateutil)
};

/// How a series reads what RFC 5545 leaves open or engines read differently; recur/profile.hpp
/// names the sets of python-dateutil, libical and Google Calendar. The defaults are RFC 5545.
struct series_options {
  gap_policy gaps = gap_policy::shift_forward;
  overlap_policy overlaps = overlap_policy::earliest;
  dtstart_policy dtstart = dtstart_policy::always_first;
  until_date_policy until_date = until_date_policy::end_of_day;
  rule_reading reading;
};

/// How a text is parsed and how its series reads it: recur/profile.hpp names the sets.
struct interpretation {
  parse_options parse;
  series_options series;
};

class RECUR_EXPORT series {
 public:
  const recurrence& definition() const noexcept;  ///< the parsed text
  const std::vector<std::string>& warnings() const noexcept;  ///< what a lenient parse dropped
  const recur::zone& tz() const noexcept;
  instant dtstart() const noexcept;
  milliseconds duration() const noexcept;  ///< of every occurrence
  const series_options& options() const noexcept;
  /// True when the rule alone has an end (COUNT or UNTIL).
  bool finite() const noexcept;

 private:
  friend struct detail::series_access;
  explicit series(std::shared_ptr<const detail::series_data> data) : data_(std::move(data)) {}

  std::shared_ptr<const detail::series_data> data_;
};

/// The series of recurrence text as the calendar API carries it (recur/recurrence.hpp), read
/// as `how` says. Errors: those of parse_recurrence, then those of the overload below.
RECUR_EXPORT result<series> make_series(std::string_view recurrence_text, instant dtstart, const recur::zone& tz,
                                        milliseconds duration, const interpretation& how = {});

/// The series of a parsed recurrence. Errors: bad_time when DTSTART is outside years
/// 1..9999, the duration is negative or the first occurrence ends after 9999; unknown_zone for
/// an EXDATE/RDATE TZID that does not load.
RECUR_EXPORT result<series> make_series(recurrence rec, instant dtstart, const recur::zone& tz, milliseconds duration,
                                        series_options options = {});

}  // namespace recur
