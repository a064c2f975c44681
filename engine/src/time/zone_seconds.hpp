// Private: zones at the engine's own resolution, UTC epoch seconds as plain integers, for the
// hot paths (the rule generator works in civil seconds and every expansion converts each
// candidate). The public face, in recur::instant, is recur/zone.hpp.
#pragma once

#include <cstddef>
#include <cstdint>

#include "recur/zone.hpp"

namespace recur::detail {

// A span of UTC seconds [begin, end) during which a zone's offset is constant.
struct utc_range {
  std::int64_t begin = 0;
  std::int64_t end = 0;
  int offset = 0;  // seconds east of UTC
};

// The least and greatest offsets a zone has in force during a span of instants.
struct offset_bounds {
  int least = 0;
  int most = 0;
};

// Where a civil time falls, in UTC seconds (see local_lookup).
struct utc_lookup {
  local_lookup::kind what = local_lookup::kind::unique;
  std::int64_t earliest = 0, latest = 0;
};

// Writes "+05:30" / "-03:00" / "+00:19:32" (seconds kept when not whole minutes) at `out`,
// at most max_offset_text characters; returns the end. The one offset formatter
// (format_offset, format_iso8601).
constexpr std::size_t max_offset_text = 28;
char* write_offset(char* out, seconds offset) noexcept;

// Zone offsets lie within +-26 hours (seconds east of UTC).
constexpr int widest_offset = 26 * 3600;

// date reports "no transition" ranges with extreme bounds; arithmetic stays far from overflow.
constexpr std::int64_t far_past = -(std::int64_t{1} << 50);
constexpr std::int64_t far_future = std::int64_t{1} << 50;

struct zone_seconds {
  // The offset range containing a UTC instant. `hint` (a converter's) is the table index tried
  // first, and updated.
  static utc_range range_at(const zone& z, std::int64_t utc_seconds, std::size_t* hint = nullptr);
  // Offsets in force at instants in [from, to]. A point query uses them to bound the wall
  // times that can reach an instant. Walks at most 64 ranges and widens to the zone's
  // extremes (+-26 h) beyond that.
  static offset_bounds offsets_between(const zone& z, std::int64_t from_utc, std::int64_t to_utc);
  static utc_lookup lookup(const zone& z, civil_seconds local, std::size_t* hint = nullptr);
  // The range holding an instant (out[2]) and two neighbours on each side, in order (repeated
  // at the ends of time): one binary search where they lie in the zone's table.
  static void ranges_around(const zone& z, std::int64_t utc_seconds, utc_range (&out)[5], std::size_t* hint = nullptr);
  // zone::resolve in seconds.
  static std::int64_t resolve(const zone& z, civil_seconds local, overlap_policy overlaps = overlap_policy::earliest) {
    const utc_lookup found = lookup(z, local);
    return overlaps == overlap_policy::latest ? found.latest : found.earliest;
  }
  // zone_converter::to_instant in seconds: false only for a gap time under gap_policy::skip.
  // Inline for the cached case, which is nearly every conversion of an expansion.
  static bool to_utc(zone_converter& c, civil_seconds local, gap_policy gaps, overlap_policy overlaps,
                     std::int64_t& utc_seconds, bool& shifted) {
    if (local.value >= c.unique_lo_ && local.value < c.unique_hi_) {
      utc_seconds = local.value - c.unique_offset_;
      shifted = false;
      return true;
    }
    return to_utc_uncached(c, local, gaps, overlaps, utc_seconds, shifted);
  }
  static bool to_utc_uncached(zone_converter& c, civil_seconds local, gap_policy gaps, overlap_policy overlaps,
                              std::int64_t& utc_seconds, bool& shifted);
  // Caches in `c` the civil span around a unique answer in `here` that maps with its offset:
  // the UTC range shifted by the offset, trimmed where a neighbour's offset overlaps it.
  static void cache_unique_span(zone_converter& c, const utc_range& before, const utc_range& here,
                                const utc_range& after);
  // The civil span [lo, hi) a converter's cache maps uniquely with `offset` (empty before its
  // first conversion): a caller converting many wall times at once subtracts the offset from
  // those inside it, as to_utc would.
  struct unique_span {
    std::int64_t lo = 1, hi = 0;
    int offset = 0;
  };
  static unique_span cached_span(const zone_converter& c) noexcept {
    return unique_span{c.unique_lo_, c.unique_hi_, c.unique_offset_};
  }
  // zone_converter::to_local in seconds.
  static civil_seconds to_local(zone_converter& c, std::int64_t utc_seconds, int* offset = nullptr);
};

}  // namespace recur::detail
