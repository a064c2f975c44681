// Internal: the event decoder's steps on an already parsed document, shared by
// event_json.cpp and reconcile_json.cpp (which reads several event lists from one line).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "recur/api/event_json.hpp"

namespace recur::api::detail {

using json = nlohmann::json;

// `text` parsed, refusing nesting deeper than the decoder allows; errors name `what`
// ("the response", "line 3").
result<json> parse_json(std::string_view text, const std::string& what);

// The events of a JSON array; `name` prefixes the problems and warnings ("events[3].startTime").
result<decoded_events> decode_event_list(const json& list, const std::string& name, const decode_options& options);

}  // namespace recur::api::detail
