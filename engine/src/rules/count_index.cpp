#include "rules/count_index.hpp"

#include <algorithm>
#include <numeric>

namespace recur::detail {

namespace {
constexpr std::int64_t day_s = 86400;
std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return -floor_div(-a, b); }
}  // namespace

std::optional<count_index> count_index::build(const rule_generator& prototype, civil_seconds dtstart) {
  const frequency f = prototype.freq();
  if (f == frequency::hourly || f == frequency::minutely || f == frequency::secondly)
    return build_sub_daily(prototype, dtstart);
  count_index index;
  index.cycle_ = prototype.cycle_periods();
  if (index.cycle_ <= 0 || prototype.year_of_period(index.cycle_) > 9999) return std::nullopt;
  rule_generator scan = prototype;
  index.block_prefix_.reserve(static_cast<std::size_t>(index.cycle_ / block + 2));
  std::uint64_t total = 0;
  std::uint64_t first = 0;
  bool uniform = true;
  for (std::int64_t k = 0; k < index.cycle_; ++k) {
    if (k % block == 0) index.block_prefix_.push_back(total);
    const std::uint64_t n = scan.pattern_count(k);
    if (k == 0) first = n;
    uniform = uniform && n == first;
    total += n;
  }
  if (uniform) index.uniform_ = first;
  index.block_prefix_.push_back(total);
  index.per_cycle_ = total;
  index.before_dtstart_ = scan.pattern_count_before(0, dtstart);
  index.dtstart_on_rule_ = scan.pattern_count_before(0, civil_seconds{dtstart.value + 1}) > index.before_dtstart_;
  return index;
}

std::optional<count_index> count_index::build_sub_daily(const rule_generator& prototype, civil_seconds dtstart) {
  count_index index;
  index.sub_daily_ = true;
  index.per_passing_period_ = prototype.instances_per_passing_period();
  index.grid_start_ = prototype.first_period_start();
  index.grid_step_ = prototype.period_seconds();
  if (index.grid_step_ <= day_s && day_s % index.grid_step_ == 0) {  // the same grid every day: O(1) counts
    index.same_grid_every_day_ = true;
    index.pattern_days_ = prototype.day_pattern_days();
    index.first_time_ = floor_mod(index.grid_start_, index.grid_step_);
    index.passing_days_.build(static_cast<std::size_t>(index.pattern_days_),
                              [&](std::size_t d) { return prototype.day_passes(static_cast<std::int64_t>(d)); });
    index.passing_times_.build(static_cast<std::size_t>(day_s / index.grid_step_), [&](std::size_t i) {
      return prototype.time_passes(index.first_time_ + static_cast<std::int64_t>(i) * index.grid_step_);
    });
  } else if (index.grid_step_ < day_s) {
    // Whole days, tabled by where the grid falls (at most one point a day past a day's step).
    const std::int64_t g = index.day_points_gcd_ = std::gcd(index.grid_step_, day_s);
    const std::int64_t base = floor_mod(index.grid_start_, g);
    index.day_points_.resize(static_cast<std::size_t>(index.grid_step_ / g));
    for (std::size_t j = 0; j < index.day_points_.size(); ++j) {
      std::uint32_t n = 0;
      for (std::int64_t sod = base + static_cast<std::int64_t>(j) * g; sod < day_s; sod += index.grid_step_)
        n += prototype.time_passes(sod) ? 1 : 0;
      index.day_points_[j] = n;
    }
  }
  rule_generator scan = prototype;
  index.before_dtstart_ = scan.pattern_count_before(0, dtstart);
  index.dtstart_on_rule_ = scan.pattern_count_before(0, civil_seconds{dtstart.value + 1}) > index.before_dtstart_;
  return index;
}

void count_index::prefix_bits::build(std::size_t size, const std::function<bool(std::size_t)>& bit) {
  words.assign((size + 63) / 64, 0);
  for (std::size_t i = 0; i < size; ++i)
    if (bit(i)) words[i / 64] |= std::uint64_t{1} << (i % 64);
  before.resize(words.size());
  total = 0;
  for (std::size_t w = 0; w < words.size(); ++w) {
    before[w] = total;
    total += static_cast<std::uint64_t>(__builtin_popcountll(words[w]));
  }
}

std::uint64_t count_index::prefix_bits::count_before(std::size_t i) const {
  if (i / 64 >= words.size()) return total;
  const std::uint64_t low = words[i / 64] & ((std::uint64_t{1} << (i % 64)) - 1);
  return before[i / 64] + static_cast<std::uint64_t>(__builtin_popcountll(low));
}

// Passing grid points at civil seconds in [0, t) (negative for t before day 0), in O(1): the
// day pattern's whole cycles and prefix, times the points of a whole day, plus the points of
// t's own day before t when that day passes.
std::int64_t count_index::passing_before(std::int64_t t) const {
  const std::int64_t day = floor_div(t, day_s), sod = t - day * day_s;
  const auto pos = static_cast<std::size_t>(floor_mod(day, pattern_days_));
  const std::int64_t days = floor_div(day, pattern_days_) * static_cast<std::int64_t>(passing_days_.total) +
                            static_cast<std::int64_t>(passing_days_.count_before(pos));
  const auto points = static_cast<std::size_t>(
      std::clamp<std::int64_t>(ceil_div(sod - first_time_, grid_step_), 0, day_s / grid_step_));
  const std::int64_t today = passing_days_.test(pos) ? static_cast<std::int64_t>(passing_times_.count_before(points)) : 0;
  return days * static_cast<std::int64_t>(passing_times_.total) + today;
}

// Passing grid points of `day` within [from, to) (civil seconds inside that day).
std::uint64_t count_index::points_in_day(const rule_generator& g, std::int64_t day, std::int64_t from,
                                         std::int64_t to) const {
  if (!g.day_passes(day)) return 0;
  const std::int64_t day_start = day * day_s;
  const std::int64_t first = grid_start_ + ceil_div(from - grid_start_, grid_step_) * grid_step_;
  if (from == day_start && to == day_start + day_s && !day_points_.empty())
    return day_points_[static_cast<std::size_t>(floor_mod(first - day_start, grid_step_) / day_points_gcd_)];
  std::uint64_t n = 0;
  for (std::int64_t t = first; t < to; t += grid_step_) n += g.time_passes(t - day_start) ? 1 : 0;
  return n;
}

// Passing grid points in [from, to) (civil seconds), one day at a time.
std::uint64_t count_index::passing_points(const rule_generator& g, std::int64_t from, std::int64_t to) const {
  static constexpr std::int64_t last_day = days_from_civil(civil_date{9999, 12, 31});
  if (same_grid_every_day_) {
    const std::int64_t end = std::min(to, (last_day + 1) * day_s);
    return end <= from ? 0 : static_cast<std::uint64_t>(passing_before(end) - passing_before(from));
  }
  std::uint64_t n = 0;
  for (std::int64_t day = floor_div(from, day_s); day * day_s < to && day <= last_day; ++day) {
    n += points_in_day(g, day, std::max(from, day * day_s), std::min(to, (day + 1) * day_s));
  }
  return n;
}

std::uint64_t count_index::instances_before_period(rule_generator& scratch, std::int64_t k) const {
  if (k <= 0) return 0;
  if (sub_daily_)
    return per_passing_period_ * passing_points(scratch, grid_start_, grid_start_ + k * grid_step_) - before_dtstart_;
  if (uniform_) return static_cast<std::uint64_t>(k) * uniform_ - before_dtstart_;
  const std::int64_t full = k / cycle_, rem = k % cycle_;
  std::uint64_t n = static_cast<std::uint64_t>(full) * per_cycle_;
  // Periods of cycle `full` have the pattern of cycle 0; count [0, rem) from the nearer block end.
  const std::int64_t lower = rem / block * block, upper = std::min(lower + block, cycle_);
  if (rem - lower <= upper - rem) {
    n += block_prefix_[static_cast<std::size_t>(lower / block)];
    for (std::int64_t j = lower; j < rem; ++j) n += scratch.pattern_count(j);
  } else {
    n += upper == cycle_ ? per_cycle_ : block_prefix_[static_cast<std::size_t>(upper / block)];
    for (std::int64_t j = rem; j < upper; ++j) n -= scratch.pattern_count(j);
  }
  return n - before_dtstart_;
}

}  // namespace recur::detail
