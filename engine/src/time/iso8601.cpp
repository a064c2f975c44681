#include "recur/iso8601.hpp"
#include "recur/zone.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "base/text.hpp"
#include "time/zone_seconds.hpp"

namespace recur {
namespace {

bool read_digits(std::string_view s, std::size_t& pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!text::is_digit(s[pos + i])) return false;
    out = out * 10 + (s[pos + i] - '0');
  }
  pos += n;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

}  // namespace

result<iso_time> parse_iso8601(std::string_view input) {
  const std::string_view s = text::trim(input);
  const auto bad = [&](const char* why) {
    return make_error(error_code::bad_time, "date-time " + text::quote(s) + ": " + why +
                                                " (expected YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM))");
  };
  std::size_t pos = 0;
  civil_date d;
  int hour = 0, minute = 0, second = 0;
  if (!read_digits(s, pos, 4, d.year) || !expect(s, pos, '-') || !read_digits(s, pos, 2, d.month) ||
      !expect(s, pos, '-') || !read_digits(s, pos, 2, d.day))
    return bad("the date is not YYYY-MM-DD");
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return bad("no time after the date");
  ++pos;
  if (!read_digits(s, pos, 2, hour) || !expect(s, pos, ':') || !read_digits(s, pos, 2, minute))
    return bad("the time is not HH:MM:SS");
  if (expect(s, pos, ':') && !read_digits(s, pos, 2, second)) return bad("the seconds are not two digits");
  iso_time out;
  if (expect(s, pos, '.') || expect(s, pos, ',')) {
    int scale = 100, digits = 0;
    while (pos < s.size() && text::is_digit(s[pos])) {
      if (++digits > 9) return bad("more than 9 fractional digits");
      out.millis += (s[pos++] - '0') * scale;
      scale /= 10;
    }
    if (digits == 0) return bad("no digits after the decimal point");
  }
  if (d.year < 1 || !valid(d)) return bad("no such date");
  if (hour > 23 || minute > 59 || second > 59) return bad("no such time of day");
  if (pos < s.size()) {
    if (s[pos] == 'Z' || s[pos] == 'z') {
      ++pos;
      out.offset = seconds(0);
    } else if (s[pos] == '+' || s[pos] == '-') {
      const int sign = s[pos++] == '-' ? -1 : 1;
      int oh = 0, om = 0;
      if (!read_digits(s, pos, 2, oh)) return bad("the UTC offset is not +HH:MM");
      if (pos < s.size()) {
        expect(s, pos, ':');
        if (!read_digits(s, pos, 2, om)) return bad("the UTC offset is not +HH:MM");
      }
      if (oh > 18 || om > 59) return bad("the UTC offset is out of range (-18:00..+18:00)");
      out.offset = seconds(sign * (oh * 3600 + om * 60));
    }
    if (pos != s.size()) return bad("unexpected text after the time");
  }
  out.local = make_civil(d, hour, minute, second);
  return out;
}

namespace {
char* two_digits(char* p, int v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}
}  // namespace

std::size_t format_iso8601(char* out, std::size_t capacity, instant t, seconds offset) noexcept {
  if (capacity < iso8601_max_size) return 0;
  const std::int64_t instant_ms = unix_ms(t);
  const std::int64_t whole_seconds = floor_div(instant_ms, 1000);
  const int millis = static_cast<int>(instant_ms - whole_seconds * 1000);
  const civil_fields f = split(civil_seconds{whole_seconds + offset.count()});
  char* p = out;
  if (f.date.year < 0 || f.date.year > 9999) {  // years RFC 5545 cannot write: the slow path
    p += std::snprintf(out, capacity, "%04d-%02d-%02dT%02d:%02d:%02d", f.date.year, f.date.month, f.date.day, f.hour,
                       f.minute, f.second);
  } else {
    p = two_digits(two_digits(p, f.date.year / 100), f.date.year % 100);
    *p++ = '-';
    p = two_digits(p, f.date.month);
    *p++ = '-';
    p = two_digits(p, f.date.day);
    *p++ = 'T';
    p = two_digits(p, f.hour);
    *p++ = ':';
    p = two_digits(p, f.minute);
    *p++ = ':';
    p = two_digits(p, f.second);
  }
  if (millis) {
    *p++ = '.';
    *p++ = static_cast<char>('0' + millis / 100);
    p = two_digits(p, millis % 100);
  }
  char zone_part[detail::max_offset_text];
  const std::size_t length = static_cast<std::size_t>(detail::write_offset(zone_part, offset) - zone_part);
  const std::size_t take = std::min(length, capacity - static_cast<std::size_t>(p - out));
  std::memcpy(p, zone_part, take);
  return static_cast<std::size_t>(p - out) + take;
}

std::string format_iso8601(instant t, seconds offset) {
  char buf[iso8601_max_size];
  return std::string(buf, format_iso8601(buf, sizeof buf, t, offset));
}

std::string format_iso8601(instant t, const zone& z) { return format_iso8601(t, z.offset_at(t)); }

}  // namespace recur
