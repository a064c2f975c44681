// What the command line prints: user text made safe for one-line messages, JSON that never
// fails on bytes that are not UTF-8, and table cells that pad but never cut.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace recur::cli {

// `text` as one printable line: control characters and bytes that are not UTF-8 escaped
// (\n, \x1b, \xff), cut after `max_bytes` with a note of how much was left out.
std::string printable(std::string_view text, std::size_t max_bytes = 300);

// `text` in single quotes, made printable: how messages name what the user gave.
std::string in_quotes(std::string_view text, std::size_t max_bytes = 120);

// "recur: warning: <text>" on stderr, made printable.
void warn(std::string_view text);

// JSON text; invalid UTF-8 in strings becomes U+FFFD instead of an exception.
std::string json_text(const nlohmann::json& j, int indent = -1);

// `cell` followed by spaces up to `width` bytes, then one space; longer cells are kept whole.
std::string padded(std::string_view cell, std::size_t width);

}  // namespace recur::cli
