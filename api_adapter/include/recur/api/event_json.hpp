/// @file
/// recur/api/event_json.hpp: the calendar API's event JSON to api::calendar_event and back
/// (api::to_events turns them into the engine's neutral events).
///
/// Lenient where the real API is: unknown keys are ignored (traceId), isRecurring may be a
/// boolean or "true"/"false", times may carry an offset, 'Z', fractional seconds, or no offset
/// at all ("2024-10-25 02:00:00", read in `decode_options::assumed_zone`, UTC by default, with
/// a warning saying so), and appointmentStatus values recur does not know are kept as sent.
/// Strict where it matters: an event whose id, startTime or endTime is missing or unreadable
/// is kept, with the problem in `calendar_event::problems` naming the event's index and the field
/// ("events[3].startTime: ..."); no event disappears. Fields of a wrong type elsewhere are
/// ignored with a warning that names them.
///
/// One field is recur's own: `timeZone` (an IANA name, written by `recur ics import`). It is the
/// zone the event's rule runs in, ahead of the caller's; an event's times written without an
/// offset are read in it; an unknown name is a problem of that event ("events[2].timeZone: ...").
///
/// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recur/export.hpp"
#include "recur/api/event.hpp"
#include "recur/result.hpp"
#include "recur/zone.hpp"

namespace recur::api {

struct decode_options {
  std::optional<zone> assumed_zone;  ///< for times written without an offset; UTC when unset
};

struct decoded_events {
  std::vector<calendar_event> events;
  std::vector<std::string> warnings;  ///< lenient readings, each naming the event and field
};

/// `{ "events": [...] }` (a bare array is accepted too). Errors: the text is not JSON, or has
/// no events array.
RECUR_EXPORT result<decoded_events> decode_events(std::string_view json_text, decode_options options = {});

/// `{ "event": {...} }` (a bare event object is accepted too).
RECUR_EXPORT result<decoded_events> decode_event(std::string_view json_text, decode_options options = {});

/// `{ "events": [...] }` with the fields as the API names them.
RECUR_EXPORT std::string encode_events(const std::vector<calendar_event>& events);

}  // namespace recur::api
