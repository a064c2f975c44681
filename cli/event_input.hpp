// Reading the API's event JSON from a file or stdin, for the commands that take --events.
#pragma once

#include <string>
#include <vector>

#include "recur/api/event_json.hpp"

namespace recur::cli {

// `{"events": [...]}` or `{"event": {...}}` from `path` ("-" for stdin). Warnings go to
// stderr; unreadable input throws usage_error.
std::vector<event> read_events(const std::string& path, const api::decode_options& options);

}  // namespace recur::cli
