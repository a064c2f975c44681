// Private: generates the instances of one RRULE in civil (wall-clock) time, in ascending
// order, from DTSTART on. It knows nothing of zones, COUNT, UNTIL, EXDATE or RDATE: the
// occurrence iterator (expand.cpp) adds those. Design follows RFC 5545 3.3.10:
//
//   * the series is cut into periods of FREQ (year, month, WKST-week, day, hour, minute,
//     second), every INTERVAL-th period from the one containing DTSTART; with BYWEEKNO a
//     YEARLY period is the week-numbering year (week 1 to the last week), so that a week
//     numbered in one year is never split between two periods;
//   * in each period, BYxxx parts larger than FREQ expand and the others limit, which for a
//     candidate day and time is the same as: the day passes every day-level filter and the
//     time is in the BYHOUR x BYMINUTE x BYSECOND product (defaults from DTSTART);
//   * BYSETPOS picks from the period's complete sorted set; instances before DTSTART are
//     dropped only after that.
//
// Termination: civil calendar patterns repeat every 400 Gregorian years (146097 days =
// 20871 weeks = 4800 months); day filters of weekdays alone repeat every 7 days. The rule's
// pattern therefore repeats after the lcm of its period grid (INTERVAL units) and that day
// pattern, and if a whole such cycle of periods passes without a match, no later one can
// match and the generator ends. Skipped periods count toward the cycle, so a sub-daily rule
// whose cycle is billions of seconds still ends after one examination per failing day.
// Patterns no period can produce are recognised before the first period: no time of day
// (BYSECOND=60 alone), a BYSETPOS beyond the fixed-size set of every DAILY or sub-daily
// period, a sub-daily time of day the period grid never reaches, or no day passing the day
// filters. Beyond that, a horizon (UNTIL, a window's end) and the calendar's end (9999-12-31)
// stop the search.
//
// Period shapes: the instances of a YEARLY, MONTHLY, WEEKLY or DAILY period, as offsets from
// the period's first day, depend only on a few facts of the period: for a year its length and
// the weekday of January 1 (14 shapes), for a month its month, its year's length and the
// weekday of its first day (168; without BYMONTH or BYYEARDAY only its length and first
// weekday, 28), for a day or week filtered by weekdays alone the weekday it starts on (7).
// Without BYWEEKNO (which reaches into the neighbouring years) a generator learns each shape
// once, by the general path (every day tested against the filters, then BYSETPOS; with
// BYMONTHDAY only the days it names are candidates, a bit mask per month length), and serves
// later periods of that shape by adding the period's first day: a sparse rule costs one shape
// lookup per period instead of a scan of its days. A YEARLY rule also marks the years of the
// 400-year cycle whose shape it has learned to be empty and, with INTERVAL 1, passes them with
// one bit scan (a February 29 rule: one period per leap year). The general path stays the
// only definition of what matches; the tests compare the two on generated rules.
//
// Batches: after each seek the first fill serves one period, and each later fill serves
// twice as many as the one before (up to 512 periods or 512 instances): shaped periods
// copied one after another, or sub-daily periods of one day. A point query fills one or two
// periods; a long expansion pays one fill per batch, and its caller can take a whole run of
// instances at once (pending / take).
//
// Not thread-safe (it holds the current period's buffer). A series keeps one prepared
// generator and each iterator copies it, so the rule is compiled once per series.
#pragma once

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <vector>

#include "recur/civil.hpp"
#include "recur/rrule.hpp"

namespace recur::detail {

class rule_generator {
 public:
  rule_generator(const rrule& rule, civil_seconds dtstart, rule_reading reading = {});

  // Moves to the period that holds `t` (or the last aligned one before it), keeping INTERVAL
  // alignment; only forward. Returns that period's number counted from DTSTART's period (0).
  std::int64_t seek(civil_seconds t);

  // Counting support for COUNT skip-ahead (count_index.cpp): the number of instances the
  // pattern has in period k (counted from DTSTART's period), ignoring DTSTART; and how many of
  // period k's instances are before `t`. Both reposition the generator.
  std::size_t pattern_count(std::int64_t k);
  std::size_t pattern_count_before(std::int64_t k, civil_seconds t);

  // Stop once a period starts after `t` (civil): a window query or UNTIL needs nothing later,
  // and a rule whose next match is far away then costs the window, not the search. The
  // earliest horizon set wins.
  void set_horizon(civil_seconds t) noexcept;

  // Period shapes (see above) are on by default; off leaves the general path alone, for the
  // tests that compare the two. Call before the first next().
  void set_period_shapes(bool on) noexcept {
    if (!on) shape_kind_ = shape_kind::none;
  }

  frequency freq() const noexcept { return freq_; }
  // Periods after which the civil pattern repeats (see Termination above).
  std::int64_t cycle_periods() const noexcept { return cycle_periods_; }
  // The calendar year period k lies in (for the 9999 bound of count tables).
  int year_of_period(std::int64_t k) const;

  // The next instance (>= DTSTART), or false once the rule has no more (end of calendar or
  // a pattern proven empty).
  bool next(civil_seconds& out) {
    if (pos_ < count_) {  // the common case, inline: the period's next instance
      out = civil_seconds{base_ + items()[pos_++]};
      return true;
    }
    return next_period(out);
  }

  // The instances of the current period not yet taken, as base + offsets[0..n) (civil
  // seconds, ascending), for a caller that converts many in one pass; take(k) then consumes
  // the first k of them (k <= n). next() refills the period once they are used up.
  std::size_t pending(std::int64_t& base, const std::int64_t*& offsets) const noexcept {
    base = base_;
    offsets = items() + pos_;
    return count_ - pos_;
  }
  void take(std::size_t k) noexcept { pos_ += k; }

  // Sub-daily counting support (count_index.cpp): the period grid (first period's start and
  // the seconds between periods, civil), whether a day and a time of day pass the filters,
  // and the instances every passing period holds (its set is the same size in every period).
  std::int64_t first_period_start() const noexcept { return period0_ * unit_seconds_of(freq_); }
  std::int64_t period_seconds() const noexcept { return step_ * unit_seconds_of(freq_); }
  bool day_passes(std::int64_t day) const { return day_matches(facts_of(day)); }
  bool time_passes(std::int64_t sod) const { return next_allowed_time(sod) == sod; }
  std::size_t instances_per_passing_period() const;
  static std::int64_t unit_seconds_of(frequency f) noexcept;
  // Days after which the day-level filters repeat: 1, 7, or the 400-year cycle (146097).
  std::int64_t day_pattern_days() const;

  // Work counter: periods examined so far (for tests that bound the work per instance).
  std::uint64_t periods_examined() const noexcept { return periods_examined_; }

 private:
  struct day_facts {
    std::int64_t day;  // day number
    civil_date date;
    int year_day;      // 1-based
    weekday wd;
  };

  static day_facts facts_of(std::int64_t day);  // the facts of any day (MONTHLY/YEARLY build them incrementally)
  bool day_matches(const day_facts& f) const;
  bool next_period(civil_seconds& out);  // next() once the current period is used up
  void fill_period();          // serves period_'s instances (a shape, or buffer_), then moves on
  bool fill_from_shape(std::int64_t& advanced);  // period_ (and a batch) from shapes; false: the general path
  bool fill_shaped_batch(std::int64_t& advanced);  // DAILY / WEEKLY / MONTHLY periods from shapes, batched
  int next_batch() noexcept;
  bool next_batched_period(int weekday_step, std::int64_t& first_day, int& key) const;
  void copy_served_shape();
  bool shape_of_period(std::int64_t period, std::int64_t& first_day, int& key) const;
  bool year_may_match(int p) const;
  void year_facts(std::int64_t y, std::int64_t& first_day, int& pos) const;
  void pass_years_known_empty(std::int64_t first_day, int pos, std::int64_t& advanced);
  bool fill_year_from_shape(std::int64_t& advanced);
  void serve_shape(int key, std::int64_t first_day);
  void learn_shape(int key, std::int64_t first_day);
  void fill_general();         // buffer_ for period_ by testing its days
  const std::int64_t* items() const noexcept { return from_shape_ ? shape_pool_.data() + begin_ : buffer_.data(); }
  bool fill_year();            // the steps of fill_period by FREQ; false past the year 9999
  bool fill_month();
  bool fill_days();
  std::uint32_t month_day_candidates(int dim) const;
  void add_month(int y, int m, std::int64_t jan1);
  void add_day(const day_facts& f);
  void apply_set_pos();
  void compile_day_filters(const rrule& rule, const rule_reading& reading, const civil_fields& start);
  void compile_times(const rrule& rule, const civil_fields& start);
  void start_periods(civil_seconds dtstart);
  bool no_period_can_match() const;
  bool time_of_day_reachable() const;
  bool some_day_matches() const;
  std::int64_t next_allowed_time(std::int64_t sod) const;
  void fill_sub_daily_period(std::int64_t& advanced);
  void fill_every_period(std::int64_t t, std::int64_t stride, int batch, std::int64_t day_end);
  std::int64_t period_start() const;  // civil seconds where period_ begins
  void skip_sub_daily_to(std::int64_t local_seconds, std::int64_t& advanced);  // sub-daily: first period >= t
  int week_number_info(std::int64_t day, int year, int& weeks_in_year) const;
  std::int64_t week1_start(int year) const;
  std::int64_t week_year_of(std::int64_t day) const;

  // Rule shape.
  frequency freq_;
  std::int64_t interval_;
  civil_seconds dtstart_;
  bool has_set_pos_;
  std::vector<int> set_pos_;
  bool ordinal_in_month_;  // BYDAY ordinals count within the month (else within the year)
  bool need_week_no_;
  bool week_year_periods_;  // YEARLY with BYWEEKNO: periods are week-numbering years
  int wkst_;

  // Day-level filters as masks.
  std::uint16_t month_mask_ = 0;  // bit m (1..12); 0 = no limit
  std::uint32_t month_day_pos_ = 0, month_day_neg_ = 0;  // bit d (1..31)
  bool has_month_day_ = false;
  std::bitset<367> year_day_pos_, year_day_neg_;
  bool has_year_day_ = false;
  std::bitset<54> week_no_pos_, week_no_neg_;
  std::uint8_t weekday_every_ = 0;                    // bit w: every such weekday
  std::uint64_t weekday_pos_[7] = {}, weekday_neg_[7] = {};  // bit n: the n-th / n-th last
  bool has_weekday_ = false;
  std::vector<int> months_;  // sorted months for YEARLY day iteration (empty = all)

  // Time filters: seconds of day in ascending order (day-level FREQ), or per-unit masks.
  std::vector<int> times_;         // BYHOUR x BYMINUTE x BYSECOND product, sorted
  std::uint32_t hour_mask_ = 0;    // sub-daily limits
  std::uint64_t minute_mask_ = 0;
  std::uint64_t second_mask_ = 0;  // bits 0..60
  bool any_time_passes_ = true;    // no sub-daily time masks

  // Iteration state.
  std::int64_t period0_ = 0;    // DTSTART's period
  std::int64_t period_ = 0;     // period index in FREQ units (years, months, days for weeks...)
  std::int64_t step_ = 0;       // period index increment
  std::int64_t cycle_periods_ = 0;  // periods after which the civil pattern repeats (0 = unknown)
  std::int64_t periods_since_match_ = 0;
  bool exhausted_ = false;
  std::int64_t horizon_ = INT64_MAX;
  std::int64_t horizon_year_ = INT64_MAX;  // the calendar year horizon_ lies in
  std::vector<std::int64_t> buffer_;  // current period's instances (civil seconds), ascending
  std::vector<std::int64_t> selected_;
  // The current period's instances are base_ + items()[0 .. count_), read from pos_ on.
  bool from_shape_ = false;
  std::size_t begin_ = 0, count_ = 0, pos_ = 0;
  std::int64_t base_ = 0;

  // Learned period shapes (see Period shapes above): shape_begin_[key] indexes shape_pool_
  // (seconds from the period's first day), -1 until learned.
  enum class shape_kind { none, year, month, weekday };
  shape_kind shape_kind_ = shape_kind::none;
  static constexpr int max_shapes = 12 * 2 * 7;
  std::int32_t shape_begin_[max_shapes];
  std::uint32_t shape_size_[max_shapes] = {};
  std::vector<std::int64_t> shape_pool_;
  // YEARLY: bits p and p + 400 (p = y mod 400) set while year y's shape is not known to be
  // empty (800 bits: a scan from any year reaches 400 years on without wrapping round).
  std::array<std::uint64_t, 13> years_may_match_ = {~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull,
                                                    ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, 0xffffffffull};
  struct year_cache {
    std::int64_t year = INT64_MIN;
    std::int64_t cycle_first_day = 0;  // the first day of its 400-year cycle
    int pos = 0;                       // year mod 400
  } next_year_;   // YEARLY, INTERVAL 1: the year the last pass landed on
  std::uint64_t periods_examined_ = 0;
  // Sub-daily: the day last tested against the day filters, and the verdict.
  std::int64_t checked_day_ = INT64_MIN;
  bool day_passes_ = false, day_after_calendar_ = false;
  int batch_ = 1;  // periods the next fill may serve at once (sub-daily, or from shapes)
};

}  // namespace recur::detail
