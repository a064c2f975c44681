#include "count_index.hpp"

#include <algorithm>

#include "recur/series.hpp"

namespace recur::detail {

std::optional<count_index> count_index::build(const rule_generator& prototype, civil_seconds dtstart) {
  const frequency f = prototype.freq();
  if (f == frequency::hourly || f == frequency::minutely || f == frequency::secondly) return std::nullopt;
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

std::uint64_t count_index::instances_before_period(rule_generator& scratch, std::int64_t k) const {
  if (k <= 0) return 0;
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

const count_index* count_index_of(const series& s) {
  if (!s.count_cache || !s.compiled_rule) return nullptr;
  count_cache& cache = *s.count_cache;
  std::call_once(cache.once, [&] { cache.index = count_index::build(*s.compiled_rule, s.dtstart_local); });
  return cache.index ? &*cache.index : nullptr;
}

}  // namespace recur::detail
