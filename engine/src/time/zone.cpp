#include "recur/zone.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <exception>
#include <optional>
#include <vector>

#include "time/posix_tz.hpp"

namespace recur {
namespace detail {

struct zone_data {
  const date::time_zone* tz = nullptr;
  // Offset ranges from 1800 to the last listed transition, read from date/tz once at load so
  // that lookups are a binary search with no allocation (date's sys_info carries a string).
  std::vector<offset_range> table;
  std::optional<posix_rule> rule;           // the TZif footer, for instants past the last transition
  std::int64_t rule_begin = 0;              // where the rule takes over from date's data
};

}  // namespace detail

namespace {

// date reports "no transition" ranges with extreme bounds; keep arithmetic far from overflow.
constexpr std::int64_t far_past = -(std::int64_t{1} << 50);
constexpr std::int64_t far_future = std::int64_t{1} << 50;

std::int64_t clamp_bound(std::int64_t v) { return std::clamp(v, far_past, far_future); }

offset_range date_range(const date::time_zone& tz, std::int64_t utc_seconds) {
  const date::sys_info info = tz.get_info(date::sys_seconds{std::chrono::seconds{utc_seconds}});
  return offset_range{clamp_bound(info.begin.time_since_epoch().count()),
                      clamp_bound(info.end.time_since_epoch().count()), static_cast<int>(info.offset.count())};
}

}  // namespace

bool operator==(const zone& a, const zone& b) noexcept {
  if (a.is_fixed() || b.is_fixed()) return a.is_fixed() == b.is_fixed() && a.fixed_offset_ == b.fixed_offset_;
  return a.data_->tz == b.data_->tz;
}

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

namespace {
// IANA names only: "Area/Location" words of letters, digits and . _ + -, not the host's
// "localtime", tzcode's "posixrules" and "Factory", or the posix/ and right/ copies (right/
// counts leap seconds). Anything else would make an answer depend on the machine.
std::optional<std::string> not_an_iana_name(std::string_view name) {
  if (name.empty()) return "the time zone name is empty";
  if (name.size() > 64) return "a time zone name is at most 64 characters";
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' && c != '+' && c != '.')
      return "a time zone name has only letters, digits and / _ - + .";
  if (name.front() == '/' || name.back() == '/' || name.find("//") != std::string_view::npos ||
      name.front() == '.' || name.find("/.") != std::string_view::npos)
    return "a time zone name is not a path";
  for (std::string_view host_only : {"localtime", "posixrules", "Factory"})
    if (name == host_only) return "'" + std::string(name) + "' is not an IANA zone (it depends on the host)";
  if (name.rfind("posix/", 0) == 0 || name.rfind("right/", 0) == 0)
    return "'" + std::string(name) + "' is a system copy, not an IANA name (drop the posix/ or right/ prefix)";
  return std::nullopt;
}
}  // namespace

result<zone> zone::load(std::string_view name) {
  if (const auto why = not_an_iana_name(name)) return make_error(error_code::unknown_zone, *why);
  auto data = std::make_shared<detail::zone_data>();
  try {  // date::locate_zone throws for unknown names; turn that into an error value
    data->tz = date::locate_zone(name);
  } catch (const std::exception&) {
    return make_error(error_code::unknown_zone,
                      "unknown time zone '" + std::string(name) + "' (not in the IANA tz database)");
  }
  // The last range date knows starts at the last listed transition; the footer rule continues it.
  constexpr std::int64_t year_3000 = 32503680000;
  data->rule_begin = date_range(*data->tz, year_3000).begin;
  data->rule = detail::read_tzif_footer("/usr/share/zoneinfo/" + std::string(data->tz->name()));
  constexpr std::int64_t year_1800 = -5364662400;
  const std::int64_t table_end = data->rule ? data->rule_begin : far_future;
  for (std::int64_t t = year_1800; t < table_end;) {
    offset_range r = date_range(*data->tz, t);
    if (data->rule && r.end > data->rule_begin) r.end = data->rule_begin;
    data->table.push_back(r);
    if (r.end <= t) break;  // no progress: stop rather than loop
    t = r.end;
  }
  zone z;
  z.data_ = std::move(data);
  return z;
}

zone zone::fixed(int offset_seconds) noexcept {
  zone z;
  z.fixed_offset_ = offset_seconds;
  return z;
}

std::string zone::name() const { return data_ ? std::string(data_->tz->name()) : format_offset(fixed_offset_); }

offset_range zone::range_at(std::int64_t utc_seconds) const {
  if (!data_) return offset_range{far_past, far_future, fixed_offset_};
  if (data_->rule && utc_seconds >= data_->rule_begin)
    return detail::posix_range_at(*data_->rule, utc_seconds, data_->rule_begin);
  const std::vector<offset_range>& table = data_->table;
  if (!table.empty() && utc_seconds >= table.front().begin && utc_seconds < table.back().end) {
    const auto after = std::upper_bound(table.begin(), table.end(), utc_seconds,
                                        [](std::int64_t t, const offset_range& r) { return t < r.begin; });
    return *(after - 1);
  }
  return date_range(*data_->tz, utc_seconds);
}

offset_bounds zone::offsets_between(std::int64_t from_utc, std::int64_t to_utc) const {
  constexpr int max_ranges = 64;
  constexpr int widest = 26 * 3600;  // zone offsets lie within +-26 hours
  offset_range r = range_at(clamp_bound(from_utc));
  offset_bounds out{r.offset, r.offset};
  for (int walked = 1; r.end <= to_utc && r.end < far_future; ++walked) {
    if (walked == max_ranges) return offset_bounds{-widest, widest};
    r = range_at(r.end);
    out.least = std::min(out.least, r.offset);
    out.most = std::max(out.most, r.offset);
  }
  return out;
}

local_lookup zone::lookup(civil_seconds local) const {
  if (!data_) {
    const std::int64_t u = local.value - fixed_offset_;
    return local_lookup{local_lookup::kind::unique, u, u};
  }
  // Offset ranges around the instant this wall time roughly names, two on each side, in order.
  constexpr int side = 2;
  offset_range ranges[2 * side + 1];
  const offset_range guess = range_at(local.value);
  ranges[side] = range_at(local.value - guess.offset);
  for (int i = side - 1; i >= 0; --i)
    ranges[i] = ranges[i + 1].begin > far_past ? range_at(ranges[i + 1].begin - 1) : ranges[i + 1];
  for (int i = side + 1; i <= 2 * side; ++i)
    ranges[i] = ranges[i - 1].end < far_future ? range_at(ranges[i - 1].end) : ranges[i - 1];

  local_lookup out;
  int matches = 0;
  for (const offset_range& r : ranges) {
    const std::int64_t u = local.value - r.offset;
    if (u < r.begin || u >= r.end) continue;
    if (matches == 0) out.earliest = u;
    else if (u == out.latest) continue;  // the same range seen twice at the ends of the table
    out.latest = u;
    ++matches;
  }
  if (matches == 1) return out;
  if (matches > 1) {
    out.what = local_lookup::kind::ambiguous;
    return out;
  }
  // In a gap: RFC 5545 3.3.5 reads the time with the offset before the gap.
  out.what = local_lookup::kind::gap;
  out.earliest = out.latest = local.value - ranges[side].offset;
  for (int i = 0; i < 2 * side; ++i) {
    if (local.value - ranges[i].offset >= ranges[i].end && local.value - ranges[i + 1].offset < ranges[i + 1].begin) {
      out.earliest = out.latest = local.value - ranges[i].offset;
      break;
    }
  }
  return out;
}

bool zone_converter::to_utc(civil_seconds local, gap_policy policy, std::int64_t& utc_seconds, bool& in_gap,
                            overlap_policy overlaps) {
  if (local.value >= unique_lo_ && local.value < unique_hi_) {
    utc_seconds = local.value - unique_offset_;
    in_gap = false;
    return true;
  }
  const local_lookup found = zone_.lookup(local);
  in_gap = found.what == local_lookup::kind::gap;
  utc_seconds = overlaps == overlap_policy::latest ? found.latest : found.earliest;
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
