#include "recur/instance_id.hpp"

#include <charconv>
#include <cstring>

#include "base/text.hpp"

namespace recur {

std::size_t format_instance_id(char* out, std::size_t capacity, std::string_view master, instant start,
                               seconds duration) noexcept {
  char ms[24], secs[24];  // a 64-bit integer takes at most 20 characters
  const auto ms_size = static_cast<std::size_t>(std::to_chars(ms, ms + sizeof ms, unix_ms(start)).ptr - ms);
  const auto secs_size = static_cast<std::size_t>(
      std::to_chars(secs, secs + sizeof secs, static_cast<std::int64_t>(duration.count())).ptr - secs);
  const std::size_t total = master.size() + 1 + ms_size + 1 + secs_size;
  if (total > capacity) return 0;
  char* p = out;
  std::memcpy(p, master.data(), master.size());
  p += master.size();
  *p++ = '_';
  std::memcpy(p, ms, ms_size);
  p += ms_size;
  *p++ = '_';
  std::memcpy(p, secs, secs_size);
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
