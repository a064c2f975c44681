// Private text helpers shared by the parsers: ASCII case folding, strict integer parsing,
// and iCalendar DATE / DATE-TIME values. No locale, no allocation beyond the returned strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "recur/civil.hpp"
#include "recur/result.hpp"

namespace recur::text {

inline char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

inline std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = upper(c);
  return out;
}

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (upper(a[i]) != upper(b[i])) return false;
  return true;
}

inline bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// The pieces of a text between separators, in order: "a,,b" on ',' gives "a", "", "b"; an
// empty text gives one empty piece. The one splitter of recur's parsers.
//     text::pieces parts(rule, ';');
//     for (std::string_view part; parts.next(part);) ...
class pieces {
 public:
  pieces(std::string_view s, char separator) : rest_(s), separator_(separator) {}
  // The next piece, or false after the last.
  bool next(std::string_view& piece) {
    if (done_) return false;
    const std::size_t at = rest_.find(separator_);
    piece = rest_.substr(0, at);
    if (at == std::string_view::npos) done_ = true;
    else rest_.remove_prefix(at + 1);
    return true;
  }
  // True once the last piece has been returned.
  bool done() const noexcept { return done_; }

 private:
  std::string_view rest_;
  char separator_;
  bool done_ = false;
};

// Error limit_exceeded when a text to parse (`what`: "the rule") is over max_bytes
// (parse_limits::max_text_bytes).
inline status check_text_size(const std::string& what, std::size_t size, std::size_t max_bytes) {
  if (size <= max_bytes) return success();
  return make_error(error_code::limit_exceeded, what + " is " + std::to_string(size) + " bytes, over the limit of " +
                                                    std::to_string(max_bytes) + " (parse_limits::max_text_bytes)");
}

// Printable excerpt of untrusted input for an error message: at most 40 bytes, control and
// non-ASCII bytes as \xNN, so a message is always one readable line.
std::string quote(std::string_view s);

// Decimal integer with an optional sign ('+' only when allow_plus). Digits only: no spaces,
// no fractions, no exponent. Errors: empty_input, bad_value (not a number), out_of_range
// (beyond int64); callers word the message for their field.
result<std::int64_t> parse_int(std::string_view s, bool allow_plus);

// Calendar fields of an iCalendar DATE ("YYYYMMDD") or DATE-TIME ("YYYYMMDDTHHMMSS[Z]").
struct ical_value {
  civil_date date;
  int hour = 0, minute = 0, second = 0;
  bool has_time = false;
  bool utc = false;
};

// Parses and checks the value. Error bad_value when it is malformed or names an impossible
// date or time (month 13, February 30, hour 25), quoting it.
result<ical_value> parse_ical_value(std::string_view s);

}  // namespace recur::text
