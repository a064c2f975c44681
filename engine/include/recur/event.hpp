/// @file
/// recur/event.hpp: a calendar event as the API describes it (GET /calendars/events), as a
/// neutral value: no JSON here (the mapping is recur/api/event_json.hpp).
///
/// Times are kept twice: the text as sent (`start_time`) and, when it parsed, the instant
/// (`start_ms`). Problems found while reading an event (a missing id, an unparsable time) are
/// listed in `problems` instead of dropping the event, so nothing disappears silently.
///
/// Thread safety: plain values.
#pragma once

#include "recur/export.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "recur/instant.hpp"

namespace recur {

enum class appointment_status { unknown, new_, confirmed, cancelled, showed, noshow, invalid, active, completed, booked };

/// "confirmed" -> confirmed; anything outside the known list -> unknown (the raw text is kept).
RECUR_EXPORT appointment_status parse_appointment_status(const std::string& text);

struct event {
  std::string id;               ///< event id, or instance id masterId_startMillis_durationSeconds
  std::string master_event_id;  ///< set on instances of a recurring series
  std::optional<bool> is_recurring;
  std::string rrule;            ///< set on the master of a series
  std::string start_time, end_time;  ///< as sent
  std::optional<instant> start, end;  ///< when start_time / end_time read
  std::optional<int> start_offset_s;  ///< the UTC offset written in start_time, if any
  std::string appointment_status_text;  ///< as sent ("confirmed", or a value recur does not know)
  appointment_status status = appointment_status::unknown;
  std::string title, address, notes;
  std::string calendar_id, location_id, contact_id, group_id, assigned_user_id;
  std::vector<std::string> users, assigned_resources;
  std::string date_added, date_updated;
  std::string created_by;  ///< raw JSON text of the createdBy object
  std::vector<std::string> problems;  ///< "events[3].startTime: ..." for fields that did not read
  std::string source_json;  ///< the event's JSON text as received (kept so that `recur fetch` passes every field on)

  bool cancelled() const noexcept { return status == appointment_status::cancelled; }
  /// A master row: carries the rule itself and is not an instance.
  bool is_master() const { return !rrule.empty() && master_event_id.empty(); }
};

}  // namespace recur
