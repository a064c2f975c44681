/// @file
/// recur/instance_id.hpp: instance ids of recurring events, `<masterId>_<startMillis>_<durationSeconds>`.
///
/// Example: "ocQHyuzHvysMo5N5VsXc_1729821600000_1800" is the occurrence of master
/// "ocQHyuzHvysMo5N5VsXc" starting 2024-10-25T02:00:00Z and lasting 30 minutes. The start is
/// an instant (UTC epoch milliseconds, negative before 1970), never a wall-clock time. Parsing
/// splits from the right, so a master id may itself contain '_'.
///
/// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "recur/export.hpp"
#include "recur/instant.hpp"
#include "recur/result.hpp"

namespace recur {

struct instance_id {
  std::string master;
  instant start;
  seconds duration{0};
  friend bool operator==(const instance_id& a, const instance_id& b) {
    return a.master == b.master && a.start == b.start && a.duration == b.duration;
  }
};

RECUR_EXPORT std::string format_instance_id(std::string_view master, instant start, seconds duration);

/// Writes the id into `out` (no terminating NUL) and returns its length, or 0 when `capacity`
/// is too small. Allocation-free, for hot loops.
RECUR_EXPORT std::size_t format_instance_id(char* out, std::size_t capacity, std::string_view master, instant start,
                                            seconds duration) noexcept;

/// Errors (bad_instance_id) name what is wrong: no '_' separators, empty master, a start or
/// duration that is not a decimal integer, a negative duration, a number out of range.
RECUR_EXPORT result<instance_id> parse_instance_id(std::string_view id);

}  // namespace recur
