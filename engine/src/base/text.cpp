#include "base/text.hpp"

#include <cstdio>

namespace recur::text {

std::string quote(std::string_view s) {
  constexpr std::size_t max_shown = 40;
  std::string out = "'";
  for (std::size_t i = 0; i < s.size() && i < max_shown; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  if (s.size() > max_shown) out += "...";
  out += "'";
  return out;
}

result<std::int64_t> parse_int(std::string_view s, bool allow_plus) {
  const auto not_a_number = [] { return make_error(error_code::bad_value, "not a decimal integer"); };
  const auto too_large = [] { return make_error(error_code::out_of_range, "beyond the 64-bit integer range"); };
  if (s.empty()) return make_error(error_code::empty_input, "empty");
  bool negative = false;
  if (s.front() == '-' || (allow_plus && s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return not_a_number();
  std::uint64_t value = 0;
  for (char c : s) {
    if (!is_digit(c)) return not_a_number();
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return too_large();
    value = value * 10 + digit;
  }
  const std::uint64_t limit = static_cast<std::uint64_t>(INT64_MAX) + (negative ? 1 : 0);
  if (value > limit) return too_large();
  return negative ? static_cast<std::int64_t>(0 - value) : static_cast<std::int64_t>(value);
}

namespace {
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!is_digit(s[i])) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}
}  // namespace

result<ical_value> parse_ical_value(std::string_view s) {
  ical_value v;
  if (s.size() != 8 && s.size() != 15 && s.size() != 16)
    return make_error(error_code::bad_value, "expected YYYYMMDD or YYYYMMDDTHHMMSS[Z], got " + quote(s));
  if (!digits(s, 0, 4, v.date.year) || !digits(s, 4, 2, v.date.month) || !digits(s, 6, 2, v.date.day))
    return make_error(error_code::bad_value, "expected YYYYMMDD or YYYYMMDDTHHMMSS[Z], got " + quote(s));
  if (s.size() > 8) {
    if (upper(s[8]) != 'T' || !digits(s, 9, 2, v.hour) || !digits(s, 11, 2, v.minute) ||
        !digits(s, 13, 2, v.second) || (s.size() == 16 && upper(s[15]) != 'Z'))
      return make_error(error_code::bad_value, "expected YYYYMMDDTHHMMSS[Z], got " + quote(s));
    v.has_time = true;
    v.utc = s.size() == 16;
  }
  if (v.date.year < 1 || !valid(v.date))
    return make_error(error_code::bad_value, "no such date " + quote(s));
  if (v.hour > 23 || v.minute > 59 || v.second > 59)
    return make_error(error_code::bad_value, "no such time of day " + quote(s));
  return v;
}

}  // namespace recur::text
