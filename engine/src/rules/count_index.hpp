// Private: counts a rule's instances before a period without generating them, so that a
// window or an id of a COUNT series can be checked without replaying the series from DTSTART.
//
// Wall-clock date patterns repeat every 400 Gregorian years (146097 days = 20871 weeks = 4800
// months), so with INTERVAL a rule's pattern repeats every `cycle` periods (the lcm, see
// rule_generator). The index scans one cycle once and keeps the instance count of every
// block of 32 periods; the count before any period is then full cycles times the per-cycle
// count, plus a block prefix, plus a scan of under 32 periods.
//
// Sub-daily rules (cycles up to 146097 * 86400 periods) are counted by days instead: a period
// passes or not by its day and time of day, and every passing period holds the same number of
// instances, so the count before a period is that number times the passing grid points, summed
// day by day. A whole day's passing points depend only on where the period grid falls in it
// (its residue, one of at most 86400), so they are tabled once; a query then costs one check
// per day it spans (bounded by the calendar: about 3.65 million days), never one per period.
// When the period grid falls the same way every day (its step divides a day), a query costs
// O(1): passing days come from a bitset of one day-pattern cycle with per-word prefix counts,
// and the passing points of a day before a time of day from a bitset of the day's grid points.
//
// Not built (callers iterate from DTSTART instead) when a day-level cycle from DTSTART would
// run past 9999.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "rules/rule_generator.hpp"

namespace recur::detail {

class count_index {
 public:
  static std::optional<count_index> build(const rule_generator& prototype, civil_seconds dtstart);

  // Rule instances at or after DTSTART (DTSTART itself when the rule produces it) in periods
  // 0..k-1, counted from DTSTART's period. `scratch` is a generator copy it may reposition.
  std::uint64_t instances_before_period(rule_generator& scratch, std::int64_t k) const;
  bool dtstart_on_rule() const noexcept { return dtstart_on_rule_; }

 private:
  static constexpr std::int64_t block = 32;
  std::int64_t cycle_ = 0;
  std::uint64_t per_cycle_ = 0;
  std::uint64_t before_dtstart_ = 0;  // pattern instances in period 0 earlier than DTSTART
  std::uint64_t uniform_ = 0;         // instances in every period, when all periods have the same number (else 0)
  bool dtstart_on_rule_ = false;
  std::vector<std::uint64_t> block_prefix_;  // pattern instances in periods [0, j * block)

  // Sub-daily (see above).
  bool sub_daily_ = false;
  std::uint64_t per_passing_period_ = 0;
  std::int64_t grid_start_ = 0, grid_step_ = 0;  // civil seconds of period 0, seconds between periods
  std::vector<std::uint32_t> day_points_;        // passing grid points of a whole day, by residue / gcd
  std::int64_t day_points_gcd_ = 1;              // gcd(grid_step_, one day): residues come in these steps
  // Sub-daily, the grid the same every day (see above).
  struct prefix_bits {
    std::vector<std::uint64_t> words;
    std::vector<std::uint64_t> before;  // set bits in the words before each word
    std::uint64_t total = 0;
    void build(std::size_t size, const std::function<bool(std::size_t)>& bit);
    std::uint64_t count_before(std::size_t i) const;  // set bits in [0, i)
    bool test(std::size_t i) const { return words[i / 64] >> (i % 64) & 1u; }
  };
  bool same_grid_every_day_ = false;
  std::int64_t pattern_days_ = 1;   // the day filters' cycle
  prefix_bits passing_days_;        // by floor_mod(day, pattern_days_)
  prefix_bits passing_times_;       // by grid point of the day, from first_time_
  std::int64_t first_time_ = 0;     // the day's first grid point (seconds of day)
  std::int64_t passing_before(std::int64_t t) const;  // passing grid points before civil second t, from day 0
  static std::optional<count_index> build_sub_daily(const rule_generator& prototype, civil_seconds dtstart);
  std::uint64_t passing_points(const rule_generator& g, std::int64_t from, std::int64_t to) const;
  std::uint64_t points_in_day(const rule_generator& g, std::int64_t day, std::int64_t from, std::int64_t to) const;
};

}  // namespace recur::detail
