// Reading the API's event JSON from a file or stdin, for the commands that take --events.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "recur/api/event_json.hpp"
#include "recur/reconcile.hpp"

namespace recur::cli {

// The stream of `path`: std::cin for "-", else `file` opened on it. A directory or a file
// that cannot be read throws usage_error.
std::istream& open_input(const std::string& path, std::ifstream& file);

// `{"events": [...]}` or `{"event": {...}}` from `path` ("-" for stdin), as the engine's
// neutral events. Warnings go to stderr; unreadable input throws usage_error.
std::vector<event> read_events(const std::string& path, const api::decode_options& options);

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
