/// @file
/// recur/instant.hpp: instants and lengths of time, as std::chrono types in one unit.
///
/// Every instant in recur's public API is an `instant`: a std::chrono time point of the
/// system clock (UTC, the Unix epoch; leap seconds not counted) in milliseconds, the unit of
/// the calendar API's instance ids. Lengths are std::chrono durations. A bare integer is
/// never an instant, so seconds and milliseconds cannot be mixed by mistake: `t + 5` does not
/// compile, `t + std::chrono::seconds(5)` is exact, and a duration in seconds converts to
/// milliseconds implicitly while the reverse needs std::chrono::duration_cast.
///
///     recur::instant t = recur::from_unix_ms(1772442000000);   // 2026-03-02T09:00:00Z
///     std::int64_t ms = recur::unix_ms(t + std::chrono::minutes(30));
///
/// The wall-clock side (civil_seconds, recur/civil.hpp) is a different type on purpose: a
/// reading of a clock on the wall is not an instant until a zone says which one.
///
/// Thread safety: plain values.
#pragma once

#include <chrono>
#include <cstdint>

namespace recur {

using milliseconds = std::chrono::milliseconds;
using seconds = std::chrono::seconds;
using instant = std::chrono::time_point<std::chrono::system_clock, milliseconds>;

constexpr instant from_unix_ms(std::int64_t ms) noexcept { return instant{milliseconds{ms}}; }
constexpr std::int64_t unix_ms(instant t) noexcept { return t.time_since_epoch().count(); }

/// The calendar's range (RFC 5545 DATE-TIME: years 0001..9999), the instants recur accepts.
constexpr instant first_instant = from_unix_ms(-62135596800000);  ///< 0001-01-01T00:00:00Z
constexpr instant last_instant = from_unix_ms(253402300799999);   ///< 9999-12-31T23:59:59.999Z

}  // namespace recur
