#include "recur/instance_id.hpp"

#include <cstring>

#include "base/text.hpp"

namespace recur {

std::size_t format_instance_id(char* out, std::size_t capacity, std::string_view master, instant start,
                               seconds duration) noexcept {
  char digits[2][24];
  std::size_t lengths[2];
  const std::int64_t numbers[2] = {unix_ms(start), static_cast<std::int64_t>(duration.count())};
  for (int k = 0; k < 2; ++k) {
    // Work in unsigned so that INT64_MIN is printable.
    const bool negative = numbers[k] < 0;
    std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(numbers[k]) : static_cast<std::uint64_t>(numbers[k]);
    char tmp[24];
    std::size_t n = 0;
    do {
      tmp[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    std::size_t len = 0;
    if (negative) digits[k][len++] = '-';
    while (n) digits[k][len++] = tmp[--n];
    lengths[k] = len;
  }
  const std::size_t total = master.size() + 1 + lengths[0] + 1 + lengths[1];
  if (total > capacity) return 0;
  char* p = out;
  std::memcpy(p, master.data(), master.size());
  p += master.size();
  *p++ = '_';
  std::memcpy(p, digits[0], lengths[0]);
  p += lengths[0];
  *p++ = '_';
  std::memcpy(p, digits[1], lengths[1]);
  return total;
}

std::string format_instance_id(std::string_view master, instant start, seconds duration) {
  std::string out(master.size() + 48, '\0');
  out.resize(format_instance_id(out.data(), out.size(), master, start, duration));
  return out;
}

result<instance_id> parse_instance_id(std::string_view id) {
  const auto bad = [&](const std::string& why) {
    return make_error(error_code::bad_instance_id,
                      "instance id " + text::quote(id) + " " + why + " (expected masterId_startMillis_durationSeconds)");
  };
  const std::size_t last = id.rfind('_');
  if (last == std::string_view::npos || last == 0) return bad("has no '_' separators");
  const std::size_t middle = id.rfind('_', last - 1);
  if (middle == std::string_view::npos) return bad("has only one '_' separator");
  if (middle == 0) return bad("has an empty master id");
  instance_id out;
  out.master = std::string(id.substr(0, middle));
  std::int64_t start_ms = 0, duration_s = 0;
  const std::string_view start = id.substr(middle + 1, last - middle - 1);
  const std::string_view duration = id.substr(last + 1);
  if (const auto n = text::parse_int(start, false); n) start_ms = *n;
  else if (n.err().code == error_code::out_of_range) return bad("has a start " + text::quote(start) + " out of range");
  else return bad("has a start " + text::quote(start) + " that is not an integer of milliseconds");
  if (!duration.empty() && duration.front() == '-') return bad("has a negative duration");
  if (const auto n = text::parse_int(duration, false); n) duration_s = *n;
  else if (n.err().code == error_code::out_of_range) return bad("has a duration " + text::quote(duration) + " out of range");
  else return bad("has a duration " + text::quote(duration) + " that is not a whole number of seconds");
  out.start = from_unix_ms(start_ms);
  out.duration = seconds{duration_s};
  return out;
}

}  // namespace recur
