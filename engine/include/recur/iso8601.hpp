/// @file
/// recur/iso8601.hpp: the ISO 8601 date-times the calendar API uses for startTime / endTime.
///
/// Accepted: "2024-10-25T02:00:00Z", "2024-10-24T22:00:00-04:00", "+0530" and "+05" offsets,
/// fractional seconds ("...:00.123Z", up to 9 digits, kept to the millisecond), a space
/// instead of 'T', and no offset at all ("2024-10-25 02:00:00"), in which case the reading is
/// wall-clock time and the caller decides the zone. Years 0001..9999.
///
/// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "recur/export.hpp"
#include "recur/civil.hpp"
#include "recur/instant.hpp"
#include "recur/result.hpp"
#include "recur/zone.hpp"

namespace recur {

struct iso_time {
  civil_seconds local;                 ///< the wall-clock reading as written (whole seconds)
  int millis = 0;                      ///< 0..999
  std::optional<seconds> offset;       ///< the UTC offset written; absent when the text has none
  /// The instant the text names on its own: set when an offset was written.
  std::optional<instant> as_written() const {
    if (!offset) return std::nullopt;
    return from_unix_ms((local.value - offset->count()) * 1000 + millis);
  }
  /// The instant: by the written offset, or else as a wall-clock reading in `z` (zone::resolve).
  instant in_zone(const zone& z) const {
    if (const auto written = as_written()) return *written;
    return z.resolve(local) + milliseconds(millis);
  }
};

/// Errors (bad_time) quote the input and say which field is wrong.
RECUR_EXPORT result<iso_time> parse_iso8601(std::string_view text);

/// "2026-03-08T03:30:00-04:00" (".250" added when the instant has milliseconds; "Z" never
/// used so that the offset is always explicit).
RECUR_EXPORT std::string format_iso8601(instant t, seconds offset);
/// The longest text format_iso8601 writes, and a size for the buffer of the form below.
constexpr std::size_t iso8601_max_size = 48;
/// The same into `out` without allocating: the length written, or 0 when `capacity` is under
/// iso8601_max_size. For output loops (recur expand writes millions a second this way).
RECUR_EXPORT std::size_t format_iso8601(char* out, std::size_t capacity, instant t, seconds offset) noexcept;
/// The same with the offset `z` has at that instant ("2026-03-08T03:30:00-04:00" in New York).
RECUR_EXPORT std::string format_iso8601(instant t, const zone& z);

}  // namespace recur
