#include "recur/zone.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <mutex>
#include <optional>
#include <vector>

#include "time/posix_tz.hpp"
#include "time/tzif.hpp"
#include "time/zone_seconds.hpp"

namespace recur {
namespace detail {

// Offset ranges from far_past on (never empty), then where the POSIX rule takes over.
struct zone_table {
  std::vector<utc_range> ranges;
  std::int64_t rule_begin = far_future;
};

struct zone_data {
  std::string name;
  std::optional<posix_rule> rule;  // the TZif footer, for instants past the last transition
  // The ranges the zone's TZif file lists, read once at load so that lookups are a binary
  // search with no allocation.
  zone_table listed;
  // `listed` and then the rule's ranges for a century, and `listed` and the rule's ranges to
  // 2500, each built once (std::call_once) at the first lookup past the table before it: most
  // expansions never leave `listed`, most of the rest stay within the century, and the ranges
  // to 2500 cost seven pages. `current` points to the longest table built; a lookup reads it
  // once (acquire) and uses that table throughout; an index means the same range in each.
  mutable zone_table century, to_2500;
  mutable std::once_flag building_century, building_to_2500;
  mutable std::atomic<const zone_table*> current{&listed};
};

}  // namespace detail

namespace {

using detail::far_future;
using detail::far_past;
using detail::offset_bounds;
using detail::utc_lookup;
using detail::utc_range;
using detail::zone_seconds;

std::int64_t clamp_bound(std::int64_t v) { return std::clamp(v, far_past, far_future); }

constexpr const char* zoneinfo_dir = "/usr/share/zoneinfo/";

}  // namespace

bool operator==(const zone& a, const zone& b) noexcept {
  if (a.is_fixed() || b.is_fixed()) return a.is_fixed() == b.is_fixed() && a.fixed_offset_ == b.fixed_offset_;
  return a.data_ == b.data_ || a.data_->name == b.data_->name;
}

namespace detail {
char* write_offset(char* out, seconds offset) noexcept {
  const auto two_digits = [](char* p, std::uint64_t v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
    return p + 2;
  };
  const std::int64_t s = offset.count();
  const std::uint64_t a = s < 0 ? 0 - static_cast<std::uint64_t>(s) : static_cast<std::uint64_t>(s);
  char* p = out;
  *p++ = s < 0 ? '-' : '+';
  const std::uint64_t hours = a / 3600;
  p = hours < 100 ? two_digits(p, hours) : std::to_chars(p, p + 20, hours).ptr;
  *p++ = ':';
  p = two_digits(p, a / 60 % 60);
  if (a % 60 == 0) return p;
  *p++ = ':';
  return two_digits(p, a % 60);
}
}  // namespace detail

std::string format_offset(seconds offset) {
  char buf[detail::max_offset_text];
  return std::string(buf, detail::write_offset(buf, offset));
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

namespace {
// A rule without daylight saving time is one range from the table's end on, kept in the table.
void append_fixed_rule(detail::zone_data& data) {
  detail::zone_table& listed = data.listed;
  if (!data.rule || data.rule->has_dst) return;
  const int offset = detail::posix_range_at(*data.rule, listed.rule_begin, listed.rule_begin).offset;
  listed.ranges.push_back(utc_range{listed.rule_begin, far_future, offset});
  listed.rule_begin = far_future;
}

// `base` and the footer rule's ranges up to `last_year`, so that a conversion there is a binary
// search, not a rule evaluation: two transitions a year, computed year by year (about 20 µs
// and 10 KB for 2038-2500).
detail::zone_table extend_by_rule(const detail::posix_rule& rule, const detail::zone_table& base, int last_year) {
  detail::zone_table out;
  std::int64_t t = base.rule_begin;
  const int first_year = civil_from_days(floor_div(t, seconds_per_day)).year;
  // Sized once: growing by doubling would touch twice the pages.
  const auto years = static_cast<std::size_t>(std::max(0, last_year - first_year + 1));
  out.ranges.reserve(base.ranges.size() + 2 * years);
  out.ranges.insert(out.ranges.end(), base.ranges.begin(), base.ranges.end());
  int offset = detail::posix_range_at(rule, t, t).offset;
  for (int y = first_year; y <= last_year; ++y) {
    for (const detail::posix_transition& change : detail::posix_transitions(rule, y)) {
      if (change.at <= t) continue;
      out.ranges.push_back(utc_range{t, change.at, offset});
      t = change.at;
      offset = change.offset_after;
    }
  }
  out.rule_begin = t;
  return out;
}

// Builds `table` from `base` once (other callers wait) and makes it the zone's current table.
void build_once(const detail::zone_data& data, std::once_flag& once, detail::zone_table& table,
                const detail::zone_table& base, int last_year) {
  std::call_once(once, [&] {
    table = extend_by_rule(*data.rule, base, last_year);
    data.current.store(&table, std::memory_order_release);
  });
}

// The table that answers for an instant: `listed`, or past it the century's, or past that the
// one to 2500. A zone without a rule with daylight saving time has no end (rule_begin is
// far_future: no rule, or the fixed one appended at load) and is never extended.
const detail::zone_table& table_for(const detail::zone_data& data, std::int64_t utc_seconds) {
  const detail::zone_table* table = data.current.load(std::memory_order_acquire);
  if (utc_seconds < table->rule_begin || table->rule_begin >= far_future || table == &data.to_2500) return *table;
  constexpr int years_in_century_table = 100;
  if (table == &data.listed) {
    const int first_year = civil_from_days(floor_div(data.listed.rule_begin, seconds_per_day)).year;
    build_once(data, data.building_century, data.century, data.listed, first_year + years_in_century_table);
    if (utc_seconds < data.century.rule_begin) return data.century;
  }
  build_once(data, data.building_to_2500, data.to_2500, data.century, 2500);
  return data.to_2500;
}
}  // namespace

result<zone> zone::load(std::string_view name) {
  if (const auto why = not_an_iana_name(name)) return make_error(error_code::unknown_zone, *why);
  auto tzif = detail::read_tzif(zoneinfo_dir + std::string(name));
  if (!tzif)
    return make_error(error_code::unknown_zone,
                      "unknown time zone '" + std::string(name) + "' (not in the IANA tz database)");
  auto data = std::make_shared<detail::zone_data>();
  data->name = std::string(name);
  data->listed.ranges = std::move(tzif->ranges);
  data->rule = tzif->footer;
  if (data->rule && tzif->last_transition) {  // the footer rule continues from the last transition
    const std::int64_t cut = *tzif->last_transition;
    std::vector<utc_range>& ranges = data->listed.ranges;
    while (ranges.size() > 1 && ranges.back().begin >= cut) ranges.pop_back();
    ranges.back().end = cut;
    data->listed.rule_begin = cut;
  } else {
    data->rule.reset();  // no transitions: the table's one range is the zone
  }
  append_fixed_rule(*data);
  zone z;
  z.data_ = std::move(data);
  return z;
}

zone zone::fixed(seconds offset) noexcept {
  zone z;
  z.fixed_offset_ = static_cast<int>(
      std::clamp<std::int64_t>(offset.count(), -detail::widest_offset, detail::widest_offset));
  return z;
}

std::string zone::name() const { return data_ ? data_->name : format_offset(seconds(fixed_offset_)); }

namespace detail {

namespace {
constexpr std::size_t no_index = static_cast<std::size_t>(-1);

// The index of `table`'s range holding an instant, or no_index past it where a rule takes over.
std::size_t index_in(const zone_table& table, bool has_rule, std::int64_t utc_seconds, std::size_t* hint) {
  if (has_rule && utc_seconds >= table.rule_begin) return no_index;
  const std::vector<utc_range>& ranges = table.ranges;
  if (hint)  // an expansion's conversions move forward: the last range or the next two
    for (std::size_t i = *hint; i < ranges.size() && i < *hint + 3; ++i)
      if (ranges[i].begin <= utc_seconds && utc_seconds < ranges[i].end) return *hint = i;
  const auto after = std::upper_bound(ranges.begin(), ranges.end(), utc_seconds,
                                      [](std::int64_t t, const utc_range& r) { return t < r.begin; });
  const auto i = static_cast<std::size_t>(after == ranges.begin() ? 0 : after - ranges.begin() - 1);
  if (hint) *hint = i;
  return i;
}
}  // namespace

utc_range zone_seconds::range_at(const zone& z, std::int64_t utc_seconds, std::size_t* hint) {
  const auto& data = z.data_;
  if (!data) return utc_range{far_past, far_future, z.fixed_offset_};
  const zone_table& table = table_for(*data, utc_seconds);
  const std::size_t i = index_in(table, data->rule.has_value(), utc_seconds, hint);
  if (i != no_index) return table.ranges[i];
  return detail::posix_range_at(*data->rule, utc_seconds, table.rule_begin);
}

offset_bounds zone_seconds::offsets_between(const zone& z, std::int64_t from_utc, std::int64_t to_utc) {
  constexpr int max_ranges = 64;
  utc_range r = range_at(z, clamp_bound(from_utc));
  offset_bounds out{r.offset, r.offset};
  for (int walked = 1; r.end <= to_utc && r.end < far_future; ++walked) {
    if (walked == max_ranges) return offset_bounds{-detail::widest_offset, detail::widest_offset};
    r = range_at(z, r.end);
    out.least = std::min(out.least, r.offset);
    out.most = std::max(out.most, r.offset);
  }
  return out;
}

void zone_seconds::ranges_around(const zone& z, std::int64_t utc_seconds, utc_range (&out)[5], std::size_t* hint) {
  if (z.data_) {  // in the table: one search, or none with a good hint
    const zone_table& table = table_for(*z.data_, utc_seconds);
    const std::size_t at = index_in(table, z.data_->rule.has_value(), utc_seconds, hint);
    if (at != no_index && at >= 2 && at + 2 < table.ranges.size()) {
      const auto first = table.ranges.begin() + static_cast<std::ptrdiff_t>(at - 2);
      std::copy(first, first + 5, out);
      return;
    }
  }
  out[2] = range_at(z, utc_seconds);
  for (int i = 1; i >= 0; --i) out[i] = out[i + 1].begin > far_past ? range_at(z, out[i + 1].begin - 1) : out[i + 1];
  for (int i = 3; i <= 4; ++i) out[i] = out[i - 1].end < far_future ? range_at(z, out[i - 1].end) : out[i - 1];
}

namespace {
// lookup's answer with the offset ranges it read around it, two on each side, in order, and
// which of them holds a unique answer (-1 for a gap or an overlap).
struct lookup_reading {
  utc_lookup found;
  utc_range ranges[5];
  int unique_in = -1;
};

// A wall time in a gap: RFC 5545 3.3.5 reads it with the offset before the gap.
std::int64_t gap_reading(civil_seconds local, const utc_range (&ranges)[5]) {
  for (int i = 0; i < 4; ++i)
    if (local.value - ranges[i].offset >= ranges[i].end && local.value - ranges[i + 1].offset < ranges[i + 1].begin)
      return local.value - ranges[i].offset;
  return local.value - ranges[2].offset;
}

lookup_reading read_local(const zone& z, civil_seconds local, std::size_t* hint) {
  lookup_reading out;
  // The ranges around the instant this wall time roughly names.
  const utc_range guess = zone_seconds::range_at(z, local.value, hint);
  zone_seconds::ranges_around(z, local.value - guess.offset, out.ranges, hint);
  int matches = 0;
  for (int i = 0; i < 5; ++i) {
    const utc_range& r = out.ranges[i];
    const std::int64_t u = local.value - r.offset;
    if (u < r.begin || u >= r.end) continue;
    if (matches == 0) out.found.earliest = u, out.unique_in = i;
    else if (u == out.found.latest) continue;  // the same range seen twice at the ends of the table
    out.found.latest = u;
    ++matches;
  }
  if (matches == 1) return out;
  out.unique_in = -1;
  if (matches > 1) {
    out.found.what = local_lookup::kind::ambiguous;
    return out;
  }
  out.found.what = local_lookup::kind::gap;
  out.found.earliest = out.found.latest = gap_reading(local, out.ranges);
  return out;
}
}  // namespace

utc_lookup zone_seconds::lookup(const zone& z, civil_seconds local, std::size_t* hint) {
  if (!z.data_) {
    const std::int64_t u = local.value - z.fixed_offset_;
    return utc_lookup{local_lookup::kind::unique, u, u};
  }
  return read_local(z, local, hint).found;
}

void zone_seconds::cache_unique_span(zone_converter& c, const utc_range& before, const utc_range& here, const utc_range& after) {
  c.unique_offset_ = here.offset;
  c.unique_lo_ = here.begin + std::max(here.offset, before.offset);
  c.unique_hi_ = here.end + std::min(here.offset, after.offset);
}

bool zone_seconds::to_utc_uncached(zone_converter& c, civil_seconds local, gap_policy gaps, overlap_policy overlaps,
                                   std::int64_t& utc_seconds, bool& shifted) {
  const lookup_reading read = read_local(c.zone_, local, &c.table_hint_);
  shifted = read.found.what == local_lookup::kind::gap;
  utc_seconds = overlaps == overlap_policy::latest ? read.found.latest : read.found.earliest;
  const int i = read.unique_in;
  if (i >= 1 && i <= 3) {
    cache_unique_span(c, read.ranges[i - 1], read.ranges[i], read.ranges[i + 1]);
  } else if (i >= 0) {  // at the edge of what was read: read around the answer
    utc_range near[5];
    ranges_around(c.zone_, read.found.earliest, near, &c.table_hint_);
    cache_unique_span(c, near[1], near[2], near[3]);
  }
  return !(shifted && gaps == gap_policy::skip);
}

civil_seconds zone_seconds::to_local(zone_converter& c, std::int64_t utc_seconds, int* offset) {
  if (!(utc_seconds >= c.utc_lo_ && utc_seconds < c.utc_hi_)) {
    const utc_range r = range_at(c.zone_, utc_seconds, &c.table_hint_);
    c.utc_lo_ = r.begin;
    c.utc_hi_ = r.end;
    c.utc_offset_ = r.offset;
  }
  if (offset) *offset = c.utc_offset_;
  return civil_seconds{utc_seconds + c.utc_offset_};
}

}  // namespace detail

namespace {
std::int64_t utc_seconds_of(instant t) { return floor_div(unix_ms(t), 1000); }
instant instant_of(std::int64_t utc_seconds) { return from_unix_ms(utc_seconds * 1000); }
}  // namespace

seconds zone::offset_at(instant t) const { return seconds(zone_seconds::range_at(*this, utc_seconds_of(t)).offset); }

std::vector<zone_transition> transitions_between(const zone& z, instant from, instant to, std::size_t max_count) {
  std::vector<zone_transition> out;
  const std::int64_t last = utc_seconds_of(to);
  std::size_t hint = 0;
  utc_range r = zone_seconds::range_at(z, utc_seconds_of(from), &hint);
  while (out.size() < max_count && r.end <= last && r.end < far_future) {
    const utc_range next = zone_seconds::range_at(z, r.end, &hint);
    if (next.begin != r.end) break;  // no progress: the end of the zone's data
    if (next.offset != r.offset)
      out.push_back({from_unix_ms(r.end * 1000), seconds(r.offset), seconds(next.offset)});
    r = next;
  }
  return out;
}

civil_seconds zone::to_local(instant t) const {
  const std::int64_t s = utc_seconds_of(t);
  return civil_seconds{s + zone_seconds::range_at(*this, s).offset};
}

local_lookup zone::lookup(civil_seconds local) const {
  const utc_lookup found = zone_seconds::lookup(*this, local);
  return local_lookup{found.what, instant_of(found.earliest), instant_of(found.latest)};
}

std::optional<instant> zone_converter::to_instant(civil_seconds local, gap_policy gaps, overlap_policy overlaps,
                                                  bool* shifted) {
  std::int64_t utc = 0;
  bool moved = false;
  const bool kept = zone_seconds::to_utc(*this, local, gaps, overlaps, utc, moved);
  if (shifted) *shifted = moved;
  if (!kept) return std::nullopt;
  return instant_of(utc);
}

civil_seconds zone_converter::to_local(instant t, seconds* offset) {
  int off = 0;
  const civil_seconds local = zone_seconds::to_local(*this, utc_seconds_of(t), &off);
  if (offset) *offset = seconds(off);
  return local;
}

}  // namespace recur
