/// @file
/// recur/api/event.hpp: an event as the HighLevel calendar API sends it (GET /calendars/events),
/// every field it carries, in the API's own terms; and its mapping onto the engine's neutral
/// `recur::event` (recur/event.hpp).
///
/// Times are kept twice: the text as sent (`start_time`) and, when it read, the instant
/// (`start`). Problems found while reading an event (a missing id, an unreadable time) are
/// listed in `problems` instead of dropping the event, so nothing disappears silently.
///
/// Thread safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "recur/event.hpp"
#include "recur/export.hpp"
#include "recur/instant.hpp"
#include "recur/zone.hpp"

namespace recur::api {

/// The API's appointmentStatus values; `unknown` for anything else (the text is kept).
enum class appointment_status { unknown, new_, confirmed, cancelled, showed, noshow, invalid, active, completed, booked };

/// "confirmed" -> confirmed; anything outside the known list -> unknown.
RECUR_EXPORT appointment_status parse_appointment_status(const std::string& text);

struct calendar_event {
  std::string id;               ///< event id, or instance id masterId_startMillis_durationSeconds
  std::string master_event_id;  ///< masterEventId: set on instances of a recurring series
  std::optional<bool> is_recurring;
  std::string rrule;            ///< set on the master of a series
  std::string start_time, end_time;    ///< as sent
  std::optional<instant> start, end;   ///< when start_time / end_time read
  std::optional<seconds> start_offset;  ///< the UTC offset written in start_time, if any
  /// `timeZone`: recur's own field, not the API's (which sends none): the IANA zone an event
  /// imported from iCalendar runs in (`recur ics import`). `tz` is set when the name loaded.
  std::string time_zone;
  std::optional<zone> tz;
  std::string appointment_status_text;  ///< as sent ("confirmed", or a value recur does not know)
  appointment_status status = appointment_status::unknown;
  std::string title, address, notes;
  std::string calendar_id, location_id, contact_id, group_id, assigned_user_id;
  std::vector<std::string> users, assigned_resources;
  std::string date_added, date_updated;
  std::string created_by;  ///< raw JSON text of the createdBy object
  std::vector<std::string> problems;  ///< "events[3].startTime: ..." for fields that did not read
  std::string source_json;  ///< the event's JSON text as received (kept so that `recur fetch` passes every field on)
};

/// The engine's view: masterEventId -> series_id, isRecurring -> recurring, rrule ->
/// recurrence, appointmentStatus "cancelled" -> cancelled, assignedUserId and users -> people,
/// calendarId -> calendars, assignedResources -> resources; id, times, zone and problems as
/// they are.
RECUR_EXPORT event to_event(const calendar_event& e);
RECUR_EXPORT std::vector<event> to_events(const std::vector<calendar_event>& events);

}  // namespace recur::api
