/// @file
/// recur/ics.hpp: iCalendar (RFC 5545) files in and out, through libical, as the calendar
/// API's events (recur/api/event.hpp). libical reads and writes the text; expansion stays
/// recur's own. Target `recur::ics`, built when libical is found (RECUR_BUILD_ICS).
///
/// Import (`import_calendar`): each VEVENT becomes an event.
///   * A VEVENT with an RRULE is a master: `rrule` holds "RRULE:..." then one EXDATE / RDATE
///     line per value, each value written in UTC ("...Z") or as VALUE=DATE, so that the text
///     reads without the file's VTIMEZONEs; `startTime`/`endTime` carry offsets; DURATION
///     becomes the end (days and weeks nominal, RFC 5545 3.3.6); `timeZone` is the IANA zone of
///     DTSTART ("UTC" for a UTC DTSTART, the calendar's zone for a floating one).
///   * A VEVENT with RECURRENCE-ID is an instance row: id `masterId_originalStartMillis_
///     masterDurationSeconds`, `masterEventId` the master's id, its own (moved) times, and
///     appointmentStatus "cancelled" for STATUS:CANCELLED. RANGE=THISANDFUTURE is refused.
///   * Any other VEVENT is a single event.
///   * All-day events (VALUE=DATE) run from local midnight to local midnight in the event's zone
///     (the calendar's X-WR-TIMEZONE or `import_options::default_zone`, else UTC): startTime
///     "2026-01-05T00:00:00-05:00", endTime the midnight DTEND names (one day when absent).
///   * UID -> id: the UID itself when it is 1..128 characters of [A-Za-z0-9@._+=-] (Google's,
///     Outlook's hex and the API's own ids are); otherwise "ics-" and 16 hex digits of the
///     UID's FNV-1a 64-bit hash, stable across runs. Either form parses back from instance ids.
///   * TZID: an IANA name as it is; a Windows name ("Eastern Standard Time") through CLDR's
///     windowsZones mapping (`iana_zone_of_windows_name`); a path-style TZID whose tail is an
///     IANA name ("/mozilla.org/20050126_1/America/New_York"); a VTIMEZONE's X-LIC-LOCATION;
///     `import_options::zone_aliases`. A TZID none of these names is refused with its line:
///     recur never expands through a VTIMEZONE's own rules, so a zone cannot silently differ
///     from tzdata.
///   * Refused with an error naming the line: malformed lines and values (as libical reports
///     them), several RRULEs, EXRULE, RDATE;VALUE=PERIOD, a second VEVENT with the same UID and
///     no RECURRENCE-ID, floating times when the calendar names no zone. X- properties are
///     ignored.
///
/// Export (`export_calendar`): one VCALENDAR. Each master a VEVENT (UID = its id, DTSTART and
/// DTEND with TZID, RRULE, EXDATE and RDATE in the zone); each instance row a VEVENT with
/// RECURRENCE-ID (STATUS:CANCELLED when cancelled); each single event a VEVENT. An event runs in
/// its `timeZone`, else in `export_options::default_zone`; with neither, an error names it.
/// One VTIMEZONE per zone used, generated from tzdata (`vtimezone`). libical folds lines at 75
/// octets and escapes TEXT (RFC 5545 3.1, 3.3.11). title, address and notes are SUMMARY,
/// LOCATION and DESCRIPTION; the API's fields iCalendar has no property for (calendarId,
/// locationId, contactId, groupId, assignedUserId, appointmentStatus, dateAdded, dateUpdated,
/// users, assignedResources) travel as X-RECUR-* properties, which the import reads back, so
/// that export then import gives the same events.
///
/// Thread safety: pure functions. libical keeps its error state per thread; recur uses none
/// of libical's global time zone tables.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "recur/api/event.hpp"
#include "recur/export.hpp"
#include "recur/instant.hpp"
#include "recur/result.hpp"
#include "recur/zone.hpp"

namespace recur::ics {

struct import_options {
  /// The zone of floating and all-day times when the calendar names none (X-WR-TIMEZONE).
  std::optional<zone> default_zone;
  /// TZID -> IANA name, tried before every other reading of a TZID (a custom VTIMEZONE name).
  std::vector<std::pair<std::string, std::string>> zone_aliases;
  /// Larger texts are refused (limit_exceeded) before libical reads them: its tree takes
  /// several times the text's size. Components may nest 16 levels (a VALARM in a VEVENT is 3).
  std::size_t max_text_bytes = std::size_t{64} << 20;
};

struct imported {
  std::vector<api::calendar_event> events;  ///< masters, instance rows and singles, in file order
  std::vector<std::string> warnings;        ///< "line 12: ..." for what was read leniently
};

/// A VCALENDAR (or several, one after another) as events. Errors name the line
/// ("line 7: several RRULEs in one VEVENT (the first is on line 6)").
RECUR_EXPORT result<imported> import_calendar(std::string_view ics_text, const import_options& options = {});

/// The event id of a VEVENT's UID, as the import assigns it (see above): the UID itself when it
/// is 1..128 characters of [A-Za-z0-9@._+=-], else "ics-" and 16 hex digits of its FNV-1a hash.
RECUR_EXPORT std::string master_id_of_uid(std::string_view uid);

struct export_options {
  /// The zone of events with no `timeZone` of their own; without it such an event is an error.
  std::optional<zone> default_zone;
  /// DTSTAMP of every VEVENT (RFC 5545 requires one): the export's own time, so it is given.
  instant stamp{};
};

/// The events as one VCALENDAR text (CRLF line ends). Errors name the event.
RECUR_EXPORT result<std::string> export_calendar(const std::vector<api::calendar_event>& events,
                                                 const export_options& options);

/// A VTIMEZONE component for `z` valid for every instant in [from, to]; `to` unset means an
/// endless series. Offset changes become observances (DAYLIGHT when the offset grows, STANDARD
/// otherwise); a yearly pattern that RFC 5545 can write (the n-th or last weekday of a month,
/// or a fixed day) becomes one observance with an RRULE, checked against every change it
/// replaces; other changes are listed as RDATEs, for 60 years from `from` when `to` is unset.
RECUR_EXPORT std::string vtimezone(const zone& z, instant from, std::optional<instant> to);

/// The IANA zone of a Windows zone name (CLDR windowsZones, the default territory "001"), or
/// an empty view. The data file, with its source and version, is ics/data/windowsZones.tsv.
RECUR_EXPORT std::string_view iana_zone_of_windows_name(std::string_view windows_name);

}  // namespace recur::ics
