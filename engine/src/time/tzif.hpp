// Private: a compiled zoneinfo file (TZif, RFC 8536) read directly: its offset ranges and its
// footer rule. zone::load reads only the file of the zone it is asked for, where date/tz's
// OS database scans every zone of the system first (milliseconds at each program start).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "time/posix_tz.hpp"
#include "time/zone_seconds.hpp"

namespace recur::detail {

struct tzif_zone {
  // Offset ranges covering all time, in order: before the first transition the offset of
  // time type 0 (RFC 8536 3.2), after the last the last one's (the footer continues it).
  // Neighbours with the same offset are merged.
  std::vector<utc_range> ranges;
  std::optional<posix_rule> footer;  // version 2+ files: the rule for instants past the last transition
  std::optional<std::int64_t> last_transition;  // UTC seconds; none for a zone without transitions
};

// The zone in the TZif bytes, or nullopt when they are not a well-formed TZif file (version 2
// or later: 64-bit transition times).
std::optional<tzif_zone> parse_tzif(std::string_view bytes);

// parse_tzif of the file at `path` (at most 1 MiB: zoneinfo files are a few kilobytes).
std::optional<tzif_zone> read_tzif(const std::string& path);

}  // namespace recur::detail
