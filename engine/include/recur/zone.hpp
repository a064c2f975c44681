/// @file
/// recur/zone.hpp: the bridge between civil (wall-clock) time and instants.
///
/// A `zone` is a small immutable value: either an IANA zone from the system's tzdata (through
/// date/tz, extended past its last listed transition by the zone file's POSIX TZ rule, which
/// date/tz's OS-database reader ignores) or a fixed UTC offset. `zone::load` fails visibly on an unknown name; recur never
/// falls back to UTC silently.
///
/// Local times that do not exist or occur twice follow RFC 5545 3.3.5:
///   * a time in a spring-forward gap is read with the offset in force *before* the gap
///     (New York 2026-03-08 02:30 is 03:30 EDT = 07:30Z). date's `choose::earliest` answers
///     the transition instant (07:00Z) instead, which is why recur resolves gaps itself;
///   * an ambiguous fall-back time is the first (earlier) instant.
/// RFC 5545 3.3.10 also says generated instances at non-existent local times are "ignored";
/// `gap_policy::skip` gives that reading to programs that want it. Shifting is the default
/// because RFC 5545 3.3.5 and calendar servers do it.
///
/// Thread safety: `zone` is immutable and safe to share. `zone_converter` caches the current
/// transition range; use one per thread (each expansion makes its own).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "recur/export.hpp"
#include "recur/civil.hpp"
#include "recur/result.hpp"

namespace recur {

namespace detail {
struct zone_data;
}

enum class gap_policy {
  shift_forward,  ///< RFC 5545 3.3.5: use the offset before the gap (default)
  skip,           ///< RFC 5545 3.3.10 reading: a generated instance in a gap is dropped
};

enum class overlap_policy {
  earliest,  ///< RFC 5545 3.3.5: "refers to the first occurrence"; dateutil (fold=0) too (default)
  latest,    ///< the second instant, as libical does
};

/// Where a civil time falls in a zone. Instants are UTC epoch seconds.
struct local_lookup {
  enum class kind { unique, gap, ambiguous };
  kind what = kind::unique;
  std::int64_t earliest = 0;  ///< unique: the instant; ambiguous: the earlier one; gap: local - offset before the gap
  std::int64_t latest = 0;    ///< ambiguous: the later instant; otherwise equal to earliest
};

/// A span of UTC seconds [begin, end) during which a zone's offset is constant.
struct offset_range {
  std::int64_t begin = 0;
  std::int64_t end = 0;
  int offset = 0;  ///< seconds east of UTC
};

/// The least and greatest offsets a zone has in force during a span of instants.
struct offset_bounds {
  int least = 0;
  int most = 0;
};

class RECUR_EXPORT zone {
 public:
  zone() = default;  ///< UTC

  /// IANA name ("America/New_York", "UTC", "Etc/GMT+5"). Error `unknown_zone` names the input.
  /// Names that depend on the host ("localtime", "posixrules", "Factory", the posix/ and
  /// right/ copies), paths, and names over 64 characters are refused.
  static result<zone> load(std::string_view name);
  /// A fixed offset in seconds east of UTC, within +-26 hours.
  static zone fixed(int offset_seconds) noexcept;

  bool is_fixed() const noexcept { return data_ == nullptr; }
  /// The IANA name, or "+05:30" style for a fixed offset.
  std::string name() const;

  /// Offset in force at a UTC instant (seconds). Uncached: for a loop, use zone_converter.
  offset_range range_at(std::int64_t utc_seconds) const;
  /// Offsets in force at instants in [from, to] (UTC seconds). A point query uses them to
  /// bound the wall times that can reach an instant. Uncached; walks at most 64 ranges and
  /// widens to the zone's extremes beyond that.
  offset_bounds offsets_between(std::int64_t from_utc, std::int64_t to_utc) const;
  /// Classifies a civil time. Uncached.
  local_lookup lookup(civil_seconds local) const;
  /// The instant (UTC seconds) of a wall-clock reading by RFC 5545 3.3.5: in a fall-back overlap
  /// the first instant (or the second, with overlap_policy::latest); in a spring-forward gap the
  /// reading with the offset before the gap. The one way recur turns wall clock into instants.
  std::int64_t resolve(civil_seconds local, overlap_policy overlaps = overlap_policy::earliest) const {
    const local_lookup found = lookup(local);
    return overlaps == overlap_policy::latest ? found.latest : found.earliest;
  }

  friend RECUR_EXPORT bool operator==(const zone& a, const zone& b) noexcept;

 private:
  std::shared_ptr<const detail::zone_data> data_;  ///< null for a fixed offset
  int fixed_offset_ = 0;
};

/// Converts many times in one zone, caching the offset range around the last answer, so a
/// steady stream of conversions costs a few comparisons and no allocation. Not thread-safe.
class RECUR_EXPORT zone_converter {
 public:
  explicit zone_converter(zone z) noexcept : zone_(z) {}

  /// The instant (UTC seconds) of a civil time under `policy` (and, for a fall-back time,
  /// `overlaps`). Returns false only when the time is in a gap and the policy is `skip`.
  /// `in_gap` tells whether the time was shifted.
  bool to_utc(civil_seconds local, gap_policy policy, std::int64_t& utc_seconds, bool& in_gap,
              overlap_policy overlaps = overlap_policy::earliest);
  /// The wall-clock reading of an instant, and the offset used.
  civil_seconds to_local(std::int64_t utc_seconds, int* offset_out = nullptr);

  const zone& get_zone() const noexcept { return zone_; }

 private:
  zone zone_;
  /// Civil seconds [unique_lo_, unique_hi_) map uniquely with unique_offset_.
  std::int64_t unique_lo_ = 1, unique_hi_ = 0;
  int unique_offset_ = 0;
  offset_range utc_range_{1, 0, 0};
};

/// "+05:30" / "-03:00" / "+00:00" for an offset in seconds (seconds kept when not whole minutes).
RECUR_EXPORT std::string format_offset(int offset_seconds);

}  // namespace recur
