// Reading the API's event JSON from a file or stdin, for the commands that take --events.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "recur/api/event_json.hpp"
#include "recur/reconcile.hpp"
#ifdef RECUR_HAVE_ICS
#include "recur/ics.hpp"
#endif

namespace recur::cli {

// The stream of `path`: std::cin for "-", else `file` opened on it. A directory or a file
// that cannot be read throws usage_error.
std::istream& open_input(const std::string& path, std::ifstream& file);

// All of `path` ("-" for stdin), at most RECUR_MAX_INPUT_BYTES (256 MiB); throws usage_error.
std::string read_input(const std::string& path);

// `{"events": [...]}` or `{"event": {...}}` from `path` ("-" for stdin), as the API's events.
// Warnings go to stderr; unreadable input throws usage_error.
std::vector<api::calendar_event> read_calendar_events(const std::string& path, const api::decode_options& options);

// Events from JSON or, when the text begins with BEGIN:, an iCalendar file (recur ics import's
// reading; `tz` is the zone of its floating times). Throws usage_error.
std::vector<api::calendar_event> read_events_or_ics(const std::string& path, const std::string& tz);

#ifdef RECUR_HAVE_ICS
// An iCalendar text as events (recur/ics.hpp); warnings to stderr, errors thrown as
// usage_error, each starting with `name`.
std::vector<api::calendar_event> import_ics(const std::string& text, const std::string& name,
                                            const ics::import_options& options);
#endif

// The same as the engine's neutral events.
std::vector<event> read_events(const std::string& path, const api::decode_options& options);

// The zone a command runs masters in and writes times in: --tz when given (`tz_option`), else
// the one zone the events' masters name (`timeZone`). Throws usage_error naming a master that
// names no zone, or the zones when they differ.
zone zone_for(const std::string& tz_option, const std::vector<event>& events);

// Decoding options for --assume-tz (the zone of times written without an offset; "" for UTC).
// An unknown zone throws usage_error.
api::decode_options decode_options_for(const std::string& assume_tz);

// Fetched events and the masters they belong to: the master rows of `masters_path` (when
// given), then those of the events file whose id it did not give.
struct event_set {
  std::vector<event> fetched, masters;
};
event_set read_event_set(const std::string& events_path, const std::string& masters_path, const std::string& assume_tz);

}  // namespace recur::cli
