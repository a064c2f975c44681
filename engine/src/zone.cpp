#include "recur/zone.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cstdio>
#include <exception>

namespace recur {
namespace {

// date reports "no transition" ranges with extreme bounds; keep arithmetic far from overflow.
constexpr std::int64_t far_past = -(std::int64_t{1} << 50);
constexpr std::int64_t far_future = std::int64_t{1} << 50;

std::int64_t clamp_bound(std::int64_t v) { return std::clamp(v, far_past, far_future); }

offset_range to_range(const date::sys_info& info) {
  return offset_range{clamp_bound(info.begin.time_since_epoch().count()),
                      clamp_bound(info.end.time_since_epoch().count()),
                      static_cast<int>(info.offset.count())};
}

}  // namespace

std::string format_offset(int offset_seconds) {
  const char sign = offset_seconds < 0 ? '-' : '+';
  const int a = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  char buf[16];
  if (a % 60 != 0)
    std::snprintf(buf, sizeof buf, "%c%02d:%02d:%02d", sign, a / 3600, a / 60 % 60, a % 60);
  else
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, a / 3600, a / 60 % 60);
  return buf;
}

result<zone> zone::load(std::string_view name) {
  if (name.empty()) return make_error(error_code::unknown_zone, "time zone name is empty");
  // date::locate_zone throws for unknown names; turn that into an error value.
  try {
    zone z;
    z.tz_ = date::locate_zone(name);
    return z;
  } catch (const std::exception&) {
    return make_error(error_code::unknown_zone,
                      "unknown time zone '" + std::string(name) + "' (not in the IANA tz database)");
  }
}

zone zone::fixed(int offset_seconds) noexcept {
  zone z;
  z.fixed_offset_ = offset_seconds;
  return z;
}

std::string zone::name() const { return tz_ ? std::string(tz_->name()) : format_offset(fixed_offset_); }

offset_range zone::range_at(std::int64_t utc_seconds) const {
  if (!tz_) return offset_range{far_past, far_future, fixed_offset_};
  return to_range(tz_->get_info(date::sys_seconds{std::chrono::seconds{utc_seconds}}));
}

local_lookup zone::lookup(civil_seconds local) const {
  if (!tz_) {
    const std::int64_t u = local.value - fixed_offset_;
    return local_lookup{local_lookup::kind::unique, u, u};
  }
  const auto info = tz_->get_info(date::local_seconds{std::chrono::seconds{local.value}});
  const std::int64_t first = local.value - info.first.offset.count();
  switch (info.result) {
    case date::local_info::ambiguous:
      return local_lookup{local_lookup::kind::ambiguous, first, local.value - info.second.offset.count()};
    case date::local_info::nonexistent:
      // info.first is the range before the gap: its offset is the one RFC 5545 3.3.5 asks for.
      return local_lookup{local_lookup::kind::gap, first, first};
    default:
      return local_lookup{local_lookup::kind::unique, first, first};
  }
}

bool zone_converter::to_utc(civil_seconds local, gap_policy policy, std::int64_t& utc_seconds, bool& in_gap) {
  if (local.value >= unique_lo_ && local.value < unique_hi_) {
    utc_seconds = local.value - unique_offset_;
    in_gap = false;
    return true;
  }
  const local_lookup found = zone_.lookup(local);
  in_gap = found.what == local_lookup::kind::gap;
  utc_seconds = found.earliest;
  if (found.what == local_lookup::kind::unique) {
    // Cache the civil span around this answer that maps uniquely with the same offset:
    // the UTC range shifted by its offset, trimmed where a neighbour's offset overlaps it.
    const offset_range here = zone_.range_at(found.earliest);
    const offset_range before = here.begin > far_past ? zone_.range_at(here.begin - 1) : here;
    const offset_range after = here.end < far_future ? zone_.range_at(here.end) : here;
    unique_offset_ = here.offset;
    unique_lo_ = here.begin + std::max(here.offset, before.offset);
    unique_hi_ = here.end + std::min(here.offset, after.offset);
  }
  return !(in_gap && policy == gap_policy::skip);
}

civil_seconds zone_converter::to_local(std::int64_t utc_seconds, int* offset_out) {
  if (!(utc_seconds >= utc_range_.begin && utc_seconds < utc_range_.end)) utc_range_ = zone_.range_at(utc_seconds);
  if (offset_out) *offset_out = utc_range_.offset;
  return civil_seconds{utc_seconds + utc_range_.offset};
}

}  // namespace recur
