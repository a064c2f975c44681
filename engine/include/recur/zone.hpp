/// @file
/// recur/zone.hpp: the bridge between civil (wall-clock) time and instants.
///
/// A `zone` is a small immutable value: either an IANA zone from the system's tzdata (its TZif
/// file in /usr/share/zoneinfo, RFC 8536, read at `zone::load` and only that one, extended past
/// its last listed transition by the file's POSIX TZ rule) or a fixed UTC offset. `zone::load`
/// fails visibly on an unknown name; recur never falls back to UTC silently.
///
/// Local times that do not exist or occur twice follow RFC 5545 3.3.5:
///   * a time in a spring-forward gap is read with the offset in force *before* the gap
///     (New York 2026-03-08 02:30 is 03:30 EDT = 07:30Z), where date/tz's `choose::earliest`
///     answers the transition instant (07:00Z);
///   * an ambiguous fall-back time is the first (earlier) instant.
/// RFC 5545 3.3.10 also says generated instances at non-existent local times are "ignored";
/// `gap_policy::skip` gives that reading to programs that want it. Shifting is the default
/// because RFC 5545 3.3.5 and calendar servers do it.
///
/// Thread safety: `zone` is immutable and safe to share. Built after `load` are only the
/// tables of the POSIX rule's offset ranges past the file's last transition (2037 in Debian's
/// files), for a century and then to 2500, each at the first lookup past the table before,
/// under std::call_once: concurrent lookups wait for it and then share it. `zone_converter`
/// caches the current transition range; use one per thread (each expansion makes its own).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recur/export.hpp"
#include "recur/civil.hpp"
#include "recur/instant.hpp"
#include "recur/result.hpp"

namespace recur {

namespace detail {
struct zone_data;
struct zone_seconds;  // the engine's own seconds-level access (engine/src/time/zone_seconds.hpp)
}

enum class gap_policy {
  shift_forward,  ///< RFC 5545 3.3.5: use the offset before the gap (default)
  skip,           ///< RFC 5545 3.3.10 reading: a generated instance in a gap is dropped
};

enum class overlap_policy {
  earliest,  ///< RFC 5545 3.3.5: "refers to the first occurrence"; dateutil (fold=0) too (default)
  latest,    ///< the second instant, as libical does
};

/// Where a civil time falls in a zone.
struct local_lookup {
  enum class kind { unique, gap, ambiguous };
  kind what = kind::unique;
  instant earliest{};  ///< unique: the instant; ambiguous: the earlier one; gap: local - offset before the gap
  instant latest{};    ///< ambiguous: the later instant; otherwise equal to earliest
};

class RECUR_EXPORT zone {
 public:
  zone() = default;  ///< UTC

  /// IANA name ("America/New_York", "UTC", "Etc/GMT+5"). Error `unknown_zone` names the input.
  /// Names that depend on the host ("localtime", "posixrules", "Factory", the posix/ and
  /// right/ copies), paths, and names over 64 characters are refused.
  static result<zone> load(std::string_view name);
  /// A fixed offset east of UTC in whole seconds, clamped to +-26 hours.
  static zone fixed(seconds offset) noexcept;

  bool is_fixed() const noexcept { return data_ == nullptr; }
  /// The IANA name, or "+05:30" style for a fixed offset.
  std::string name() const;

  /// The UTC offset in force at `t`. Uncached: for a loop, use zone_converter.
  seconds offset_at(instant t) const;
  /// The wall-clock reading of `t` (milliseconds dropped). Uncached.
  civil_seconds to_local(instant t) const;
  /// Classifies a civil time. Uncached.
  local_lookup lookup(civil_seconds local) const;
  /// The instant of a wall-clock reading by RFC 5545 3.3.5: in a fall-back overlap the first
  /// instant (or the second, with overlap_policy::latest); in a spring-forward gap the reading
  /// with the offset before the gap. The one way recur turns wall clock into instants.
  instant resolve(civil_seconds local, overlap_policy overlaps = overlap_policy::earliest) const {
    const local_lookup found = lookup(local);
    return overlaps == overlap_policy::latest ? found.latest : found.earliest;
  }

  friend RECUR_EXPORT bool operator==(const zone& a, const zone& b) noexcept;

 private:
  friend struct detail::zone_seconds;
  std::shared_ptr<const detail::zone_data> data_;  ///< null for a fixed offset
  int fixed_offset_ = 0;                           ///< seconds east of UTC
};

/// One change of a zone's UTC offset: from `at` on, `offset_after` is in force.
struct zone_transition {
  instant at{};
  seconds offset_before{}, offset_after{};
  friend bool operator==(const zone_transition& a, const zone_transition& b) {
    return a.at == b.at && a.offset_before == b.offset_before && a.offset_after == b.offset_after;
  }
};

/// The offset changes of `z` at instants in (from, to], in order, at most `max_count` of them
/// (a fixed offset has none). Changes of abbreviation or DST flag alone, which leave the offset
/// as it was, are not listed. Used to write a zone as RFC 5545 VTIMEZONE observances.
RECUR_EXPORT std::vector<zone_transition> transitions_between(const zone& z, instant from, instant to,
                                                             std::size_t max_count);

/// Converts many times in one zone, caching the offset range around the last answer, so a
/// steady stream of conversions costs a few comparisons and no allocation. Not thread-safe.
class RECUR_EXPORT zone_converter {
 public:
  explicit zone_converter(zone z) noexcept : zone_(std::move(z)) {}

  /// The instant of a civil time under `gaps` (and, for a fall-back time, `overlaps`); none
  /// only when the time is in a gap and the policy is `skip`. `shifted`, when given, tells
  /// whether a gap moved the time.
  std::optional<instant> to_instant(civil_seconds local, gap_policy gaps = gap_policy::shift_forward,
                                    overlap_policy overlaps = overlap_policy::earliest, bool* shifted = nullptr);
  /// The wall-clock reading of `t` (milliseconds dropped), and the offset used when `offset`
  /// is given.
  civil_seconds to_local(instant t, seconds* offset = nullptr);

  const zone& get_zone() const noexcept { return zone_; }

 private:
  friend struct detail::zone_seconds;
  zone zone_;
  /// Civil seconds [unique_lo_, unique_hi_) map uniquely with unique_offset_.
  std::int64_t unique_lo_ = 1, unique_hi_ = 0;
  int unique_offset_ = 0;
  /// UTC seconds [utc_lo_, utc_hi_) have the offset utc_offset_.
  std::int64_t utc_lo_ = 1, utc_hi_ = 0;
  int utc_offset_ = 0;
  std::size_t table_hint_ = 0;  ///< the zone's range used last, tried first at the next change
};

/// "+05:30" / "-03:00" / "+00:00" (seconds kept when not whole minutes).
RECUR_EXPORT std::string format_offset(seconds offset);

}  // namespace recur
