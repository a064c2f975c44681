#include "output.hpp"

#include <cstdio>
#include <iostream>

namespace recur::cli {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when the bytes there are not one.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  const std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) >> 6) != 0x2) return 0;
  if (n == 2 && b < 0xc2) return 0;  // overlong
  return n;
}

std::string escaped_byte(unsigned char b) {
  switch (b) {
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02x", b);
      return buf;
    }
  }
}

}  // namespace

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size() && out.size() < max_bytes) {
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t n = utf8_length(text, i);
    if (n == 0 || b < 0x20 || b == 0x7f) {
      out += escaped_byte(b);
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  if (i < text.size()) out += "... (" + std::to_string(text.size() - i) + " more bytes)";
  return out;
}

std::string in_quotes(std::string_view text, std::size_t max_bytes) { return "'" + printable(text, max_bytes) + "'"; }

void warn(std::string_view text) { std::cerr << "recur: warning: " << printable(text, 1000) << '\n'; }

std::string json_text(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string padded(std::string_view cell, std::size_t width) {
  std::string out(cell);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out + ' ';
}

}  // namespace recur::cli
