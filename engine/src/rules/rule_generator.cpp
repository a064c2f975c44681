#include "rules/rule_generator.hpp"

#include <algorithm>
#include <array>
#include <numeric>

namespace recur::detail {
namespace {

constexpr int last_year = 9999;  // the series ends with the calendar RFC 5545 can write
// Periods served from shapes start in years 1..9998, so that no period reaches past 9999.
constexpr std::int64_t first_shaped_day = days_from_civil(civil_date{1, 1, 1});
constexpr std::int64_t last_shaped_day = days_from_civil(civil_date{9998, 12, 24});
// A fill serves at most this many periods (sub-daily, or days, weeks and months from their
// shapes), and a batch from shapes stops once it holds max_batch_items instances.
constexpr int max_batch_periods = 512;
constexpr std::size_t max_batch_items = 512;

// A year's shape key (leap * 7 + the weekday of January 1) for each year of the 400-year
// Gregorian cycle, which repeats exactly (146097 days are whole weeks).
constexpr std::array<std::uint8_t, 400> year_keys = [] {
  std::array<std::uint8_t, 400> keys{};
  for (int y = 0; y < 400; ++y)
    keys[static_cast<std::size_t>(y)] = static_cast<std::uint8_t>(
        (is_leap_year(2000 + y) ? 7 : 0) + static_cast<int>(weekday_of(days_from_civil(civil_date{2000 + y, 1, 1}))));
  return keys;
}();

// Days from January 1 of a cycle's first year (a multiple of 400) to January 1 of its year p.
constexpr std::array<std::int32_t, 400> cycle_jan1 = [] {
  std::array<std::int32_t, 400> days{};
  for (int p = 0; p < 400; ++p)
    days[static_cast<std::size_t>(p)] =
        static_cast<std::int32_t>(days_from_civil(civil_date{2000 + p, 1, 1}) - days_from_civil(civil_date{2000, 1, 1}));
  return days;
}();
constexpr std::int64_t year0_jan1 = days_from_civil(civil_date{2000, 1, 1}) - 5 * 146097;

// For each shape key, its years of the 400-year cycle as bits: bit p and bit p + 400 stand
// for the years p mod 400, so that a scan of 400 positions from any p never wraps round.
using cycle_bits = std::array<std::uint64_t, 13>;
constexpr std::array<cycle_bits, 14> years_of_key = [] {
  std::array<cycle_bits, 14> bits{};
  for (std::size_t p = 0; p < 800; ++p) bits[year_keys[p % 400]][p / 64] |= std::uint64_t{1} << (p % 64);
  return bits;
}();

// Positions from p (0..399) to the next set bit of a doubled cycle (0 when p's own bit is
// set), or 400 when none is set.
int distance_to_next_bit(const cycle_bits& bits, int p) {
  for (int w = p / 64, shift = p % 64; w < 13; ++w, shift = 0) {
    const std::uint64_t rest = bits[static_cast<std::size_t>(w)] >> shift;
    if (rest) return std::min(400, w * 64 + shift + __builtin_ctzll(rest) - p);
  }
  return 400;
}

constexpr std::int64_t days_per_cycle = 146097;  // 400 Gregorian years

bool sub_daily(frequency f) {
  return f == frequency::hourly || f == frequency::minutely || f == frequency::secondly;
}

std::int64_t week_start_of(std::int64_t day, int wkst) {
  return day - floor_mod(static_cast<int>(weekday_of(day)) - wkst, 7);
}

std::vector<int> sorted_unique(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

std::int64_t rule_generator::unit_seconds_of(frequency f) noexcept {
  switch (f) {
    case frequency::hourly: return 3600;
    case frequency::minutely: return 60;
    case frequency::secondly: return 1;
    default: return seconds_per_day;
  }
}

std::size_t rule_generator::instances_per_passing_period() const {
  if (!has_set_pos_) return times_.size();
  const auto n = static_cast<int>(times_.size());
  std::vector<int> chosen;
  for (int p : set_pos_) {
    const int i = p > 0 ? p - 1 : n + p;
    if (i >= 0 && i < n) chosen.push_back(i);
  }
  return sorted_unique(chosen).size();
}

rule_generator::rule_generator(const rrule& rule, civil_seconds dtstart, rule_reading reading)
    : freq_(rule.freq),
      interval_(rule.interval),
      dtstart_(dtstart),
      has_set_pos_(!rule.by_set_pos.empty()),
      set_pos_(rule.by_set_pos),
      ordinal_in_month_(rule.freq == frequency::monthly || !rule.by_month.empty()),
      need_week_no_(!rule.by_week_no.empty()),
      week_year_periods_(need_week_no_ && rule.freq == frequency::yearly && !reading.week_number_calendar_year),
      wkst_(static_cast<int>(rule.week_start)) {
  const civil_fields start = split(dtstart);
  compile_day_filters(rule, reading, start);
  compile_times(rule, start);
  start_periods(dtstart);
  if (no_period_can_match()) exhausted_ = true;
  std::fill(std::begin(shape_begin_), std::end(shape_begin_), -1);
  any_time_passes_ = !hour_mask_ && !minute_mask_ && !second_mask_;
  if (need_week_no_ || sub_daily(freq_)) shape_kind_ = shape_kind::none;
  else if (freq_ == frequency::yearly) shape_kind_ = shape_kind::year;
  else if (freq_ == frequency::monthly) shape_kind_ = shape_kind::month;
  else shape_kind_ = day_pattern_days() <= 7 ? shape_kind::weekday : shape_kind::none;
}

// Day-level parts as masks, with the day DTSTART gives where the rule names none.
void rule_generator::compile_day_filters(const rrule& rule, const rule_reading& reading, const civil_fields& start) {
  const std::int64_t start_day = days_from_civil(start.date);
  // RFC 5545 3.3.10: with no day-level part, the day comes from DTSTART.
  std::vector<int> by_month = rule.by_month;
  std::vector<int> by_month_day = rule.by_month_day;
  std::vector<weekday_item> by_day = rule.by_day;
  const bool no_day_part = rule.by_day.empty() && rule.by_month_day.empty() && rule.by_year_day.empty() &&
                           rule.by_week_no.empty();
  if (no_day_part) {
    if (freq_ == frequency::yearly) {
      if (by_month.empty()) by_month.push_back(start.date.month);
      by_month_day.push_back(start.date.day);
    } else if (freq_ == frequency::monthly) {
      by_month_day.push_back(start.date.day);
    } else if (freq_ == frequency::weekly) {
      by_day.push_back(weekday_item{weekday_of(start_day), 0});
    }
  }
  // BYWEEKNO names a week but no day in it; RFC 5545 3.3.10 takes what the rule leaves out
  // from DTSTART, so the day is DTSTART's weekday (as libical does; dateutil takes the whole
  // week, rule_reading::week_number_whole_week).
  const bool week_without_day =
      !rule.by_week_no.empty() && rule.by_day.empty() && rule.by_month_day.empty() && rule.by_year_day.empty();
  if (week_without_day && !reading.week_number_whole_week) by_day.push_back(weekday_item{weekday_of(start_day), 0});
  const bool yearly_month_days_only = freq_ == frequency::yearly && !rule.by_month_day.empty() &&
                                      rule.by_month.empty() && rule.by_week_no.empty() && rule.by_year_day.empty();
  if (yearly_month_days_only && reading.yearly_month_day_in_start_month) by_month.push_back(start.date.month);
  const bool below_monthly = freq_ != frequency::monthly && freq_ != frequency::yearly;
  for (int m : by_month) month_mask_ |= static_cast<std::uint16_t>(1u << m);
  months_ = sorted_unique(by_month);
  for (int d : by_month_day) {
    has_month_day_ = true;
    if (d > 0) month_day_pos_ |= 1u << d;
    else if (!(below_monthly && reading.negative_month_day_below_monthly_never)) month_day_neg_ |= 1u << -d;
  }
  for (int d : rule.by_year_day) {
    has_year_day_ = true;
    if (d > 0) year_day_pos_.set(static_cast<std::size_t>(d));
    else year_day_neg_.set(static_cast<std::size_t>(-d));
  }
  for (int w : rule.by_week_no) {
    if (w > 0) week_no_pos_.set(static_cast<std::size_t>(w));
    else week_no_neg_.set(static_cast<std::size_t>(-w));
  }
  for (const weekday_item& w : by_day) {
    has_weekday_ = true;
    const int d = static_cast<int>(w.day);
    if (w.ordinal == 0) weekday_every_ |= static_cast<std::uint8_t>(1u << d);
    else if (w.ordinal > 0) weekday_pos_[d] |= std::uint64_t{1} << w.ordinal;
    else weekday_neg_[d] |= std::uint64_t{1} << -w.ordinal;
  }
}

// Time of day: BYxxx parts of a unit at or above FREQ limit; smaller ones expand.
void rule_generator::compile_times(const rrule& rule, const civil_fields& start) {
  const std::vector<int> hours = rule.by_hour.empty() ? std::vector<int>{start.hour} : sorted_unique(rule.by_hour);
  const std::vector<int> minutes =
      rule.by_minute.empty() ? std::vector<int>{start.minute} : sorted_unique(rule.by_minute);
  std::vector<int> seconds = rule.by_second.empty() ? std::vector<int>{start.second} : sorted_unique(rule.by_second);
  seconds.erase(std::remove(seconds.begin(), seconds.end(), 60), seconds.end());  // no leap seconds: never valid

  if (!sub_daily(freq_)) {
    for (int h : hours)
      for (int m : minutes)
        for (int s : seconds) times_.push_back(h * 3600 + m * 60 + s);
  } else {
    for (int h : rule.by_hour) hour_mask_ |= 1u << h;
    if (freq_ != frequency::hourly)
      for (int m : rule.by_minute) minute_mask_ |= std::uint64_t{1} << m;
    if (freq_ == frequency::secondly) {
      for (int s : rule.by_second) second_mask_ |= std::uint64_t{1} << s;
      second_mask_ &= ~(std::uint64_t{1} << 60);
      if (rule.by_second.empty() || second_mask_) times_.push_back(0);  // the period itself (none if only 60)
    }
    if (freq_ == frequency::hourly)
      for (int m : minutes)
        for (int s : seconds) times_.push_back(m * 60 + s);
    if (freq_ == frequency::minutely) times_ = seconds;
  }
  std::sort(times_.begin(), times_.end());
}

// The first period (DTSTART's), the step between periods, and the number of periods after
// which the civil pattern repeats: the lcm of the period grid and the day pattern's length.
void rule_generator::start_periods(civil_seconds dtstart) {
  const civil_fields start = split(dtstart);
  const std::int64_t start_day = day_number(dtstart);
  const std::int64_t pattern_days = day_pattern_days();
  step_ = interval_;
  switch (freq_) {
    case frequency::yearly:
      period_ = week_year_periods_ ? week_year_of(start_day) : start.date.year;
      cycle_periods_ = 400 / std::gcd(interval_, std::int64_t{400});
      break;
    case frequency::monthly:
      period_ = std::int64_t{start.date.year} * 12 + start.date.month - 1;
      cycle_periods_ = 4800 / std::gcd(interval_, std::int64_t{4800});
      break;
    case frequency::weekly:
      period_ = week_start_of(start_day, wkst_);
      step_ = 7 * interval_;
      cycle_periods_ = pattern_days / std::gcd(step_, pattern_days);
      break;
    case frequency::daily:
      period_ = start_day;
      cycle_periods_ = pattern_days / std::gcd(interval_, pattern_days);
      break;
    default: {
      const std::int64_t unit = unit_seconds_of(freq_);
      period_ = floor_div(dtstart.value, unit);
      const std::int64_t pattern_seconds = pattern_days * seconds_per_day;  // at most 146097 * 86400
      cycle_periods_ = pattern_seconds / std::gcd(interval_ * unit, pattern_seconds);
      break;
    }
  }
  period0_ = period_;
}

// Days after which the day-level filters repeat: every day passes (1), weekdays only (7), or
// the 400-year Gregorian cycle.
std::int64_t rule_generator::day_pattern_days() const {
  const bool by_weekday_only = !month_mask_ && !has_month_day_ && !has_year_day_ && !need_week_no_ &&
                               std::all_of(std::begin(weekday_pos_), std::end(weekday_pos_), [](auto b) { return !b; }) &&
                               std::all_of(std::begin(weekday_neg_), std::end(weekday_neg_), [](auto b) { return !b; });
  if (!by_weekday_only) return days_per_cycle;
  return has_weekday_ && weekday_every_ != 0x7f ? 7 : 1;
}

// Patterns that no period can ever produce, recognised before the first period: no time of
// day (BYSECOND=60 alone), a BYSETPOS beyond the fixed size of every DAILY and sub-daily
// period's set, or (sub-daily) no reachable time of day or no day passing the filters.
bool rule_generator::no_period_can_match() const {
  if (times_.empty()) return true;
  const bool fixed_size_periods = freq_ == frequency::daily || sub_daily(freq_);
  if (fixed_size_periods && instances_per_passing_period() == 0) return true;
  if (!sub_daily(freq_)) return false;
  return !time_of_day_reachable() || !some_day_matches();
}

// Sub-daily: period starts are DTSTART's period start plus multiples of INTERVAL units, so
// their time of day is fixed modulo g = gcd(INTERVAL units, one day). Can one pass the masks?
bool rule_generator::time_of_day_reachable() const {
  const std::int64_t unit = unit_seconds_of(freq_);
  const std::int64_t g = std::gcd(interval_ * unit, seconds_per_day);
  const std::int64_t residue = floor_mod(period_ * unit, g);
  if (!hour_mask_ && !minute_mask_ && !second_mask_) return true;
  for (std::int64_t sod = next_allowed_time(0); sod < seconds_per_day; sod = next_allowed_time(sod + unit))
    if (sod % g == residue) return true;
  return false;
}

// Does any day pass the day-level filters? They repeat every 400 years, so one cycle of days
// answers it; usually the first day does.
bool rule_generator::some_day_matches() const {
  const std::int64_t first = floor_div(period_ * unit_seconds_of(freq_), seconds_per_day);
  for (std::int64_t day = first; day < first + days_per_cycle; ++day)
    if (day_matches(facts_of(day))) return true;
  return false;
}

namespace {
// The first value >= from whose bit is set (every value when the mask is 0), or `limit`.
int next_in(std::uint64_t mask, int from, int limit) {
  if (from >= limit) return limit;
  if (!mask) return from;
  const std::uint64_t rest = mask >> from << from;
  return rest ? std::min(limit, __builtin_ctzll(rest)) : limit;
}
}  // namespace

// Sub-daily: the first time of day >= sod (aligned to the FREQ unit) whose hour, minute and
// second pass the masks, or one day when none is left today.
std::int64_t rule_generator::next_allowed_time(std::int64_t sod) const {
  int h = static_cast<int>(sod / 3600), m = static_cast<int>(sod / 60 % 60), s = static_cast<int>(sod % 60);
  while (h < 24) {
    const int h2 = next_in(hour_mask_, h, 24);
    if (h2 != h) {
      h = h2;
      m = s = 0;
      continue;
    }
    const int m2 = next_in(minute_mask_, m, 60);
    if (m2 == 60) {
      ++h;
      m = s = 0;
      continue;
    }
    if (m2 != m) m = m2, s = 0;
    const int s2 = next_in(second_mask_, s, 60);
    if (s2 < 60) return h * 3600 + m * 60 + s2;
    s = 0;
    if (++m == 60) ++h, m = 0;
  }
  return seconds_per_day;
}

rule_generator::day_facts rule_generator::facts_of(std::int64_t day) {
  const civil_date date = civil_from_days(day);
  return day_facts{day, date, static_cast<int>(day - days_from_civil(civil_date{date.year, 1, 1}) + 1), weekday_of(day)};
}

std::int64_t rule_generator::week1_start(int year) const {
  const std::int64_t jan1 = days_from_civil(civil_date{year, 1, 1});
  const std::int64_t s = week_start_of(jan1, wkst_);
  return jan1 - s <= 3 ? s : s + 7;  // week 1 has at least four days in the year
}

// The week-numbering year (WKST weeks, week 1 has at least four days) that `day` belongs to.
std::int64_t rule_generator::week_year_of(std::int64_t day) const {
  const int year = civil_from_days(day).year;
  if (day >= week1_start(year + 1)) return year + 1;
  if (day < week1_start(year)) return year - 1;
  return year;
}

// Week number of `day` (which lies in calendar year `year`) in the week-numbering year it
// belongs to, and that year's number of weeks. A day keeps the number of the week it is in,
// even when that week is numbered in the neighbouring year.
int rule_generator::week_number_info(std::int64_t day, int year, int& weeks_in_year) const {
  const std::int64_t this_w1 = week1_start(year);
  const std::int64_t next_w1 = week1_start(year + 1);
  if (day >= next_w1) {
    weeks_in_year = static_cast<int>((week1_start(year + 2) - next_w1) / 7);
    return 1;
  }
  if (day < this_w1) {
    const std::int64_t prev_w1 = week1_start(year - 1);
    weeks_in_year = static_cast<int>((this_w1 - prev_w1) / 7);
    return static_cast<int>((day - prev_w1) / 7 + 1);
  }
  weeks_in_year = static_cast<int>((next_w1 - this_w1) / 7);
  return static_cast<int>((day - this_w1) / 7 + 1);
}

bool rule_generator::day_matches(const day_facts& f) const {
  const int m = f.date.month, d = f.date.day;
  if (month_mask_ && !(month_mask_ >> m & 1u)) return false;
  const int dim = days_in_month(f.date.year, m);
  if (has_month_day_ && !(month_day_pos_ >> d & 1u) && !(month_day_neg_ >> (dim - d + 1) & 1u)) return false;
  const int diy = days_in_year(f.date.year);
  if (has_year_day_ && !year_day_pos_[static_cast<std::size_t>(f.year_day)] &&
      !year_day_neg_[static_cast<std::size_t>(diy - f.year_day + 1)])
    return false;
  if (need_week_no_) {
    int weeks = 0;
    const int w = week_number_info(f.day, f.date.year, weeks);
    if (!week_no_pos_[static_cast<std::size_t>(w)] && !week_no_neg_[static_cast<std::size_t>(weeks - w + 1)])
      return false;
  }
  if (has_weekday_) {
    const int wd = static_cast<int>(f.wd);
    if (weekday_every_ >> wd & 1u) return true;
    const int nth = ordinal_in_month_ ? (d - 1) / 7 + 1 : (f.year_day - 1) / 7 + 1;
    const int nth_last = ordinal_in_month_ ? (dim - d) / 7 + 1 : (diy - f.year_day) / 7 + 1;
    return (weekday_pos_[wd] >> nth & 1u) || (weekday_neg_[wd] >> nth_last & 1u);
  }
  return true;
}

void rule_generator::add_day(const day_facts& f) {
  if (!day_matches(f)) return;
  const std::int64_t base = f.day * seconds_per_day;
  for (int t : times_) buffer_.push_back(base + t);
}

void rule_generator::apply_set_pos() {
  if (!has_set_pos_ || buffer_.empty()) return;
  selected_.clear();
  const auto n = static_cast<std::int64_t>(buffer_.size());
  for (std::int64_t p : set_pos_) {
    const std::int64_t i = p > 0 ? p - 1 : n + p;
    if (i >= 0 && i < n) selected_.push_back(buffer_[static_cast<std::size_t>(i)]);
  }
  std::sort(selected_.begin(), selected_.end());
  selected_.erase(std::unique(selected_.begin(), selected_.end()), selected_.end());
  buffer_.swap(selected_);
}

// Builds the current period's instances into buffer_, then moves period_ on.
std::int64_t rule_generator::period_start() const {
  switch (freq_) {
    case frequency::yearly: {
      const int y = static_cast<int>(std::clamp<std::int64_t>(period_, -32000, 32000));
      return (week_year_periods_ ? week1_start(y) : days_from_civil(civil_date{y, 1, 1})) * seconds_per_day;
    }
    case frequency::monthly: {
      const int y = static_cast<int>(std::clamp<std::int64_t>(floor_div(period_, 12), -32000, 32000));
      return days_from_civil(civil_date{y, static_cast<int>(floor_mod(period_, 12)) + 1, 1}) * seconds_per_day;
    }
    case frequency::weekly:
    case frequency::daily: return period_ * seconds_per_day;
    default: return period_ * unit_seconds_of(freq_);
  }
}

// The days of a month of `dim` days that can pass BYMONTHDAY, as bits 1..dim (every day when
// the rule has none): a month-day rule tests its one or two days, not the whole month.
std::uint32_t rule_generator::month_day_candidates(int dim) const {
  const std::uint32_t month = (std::uint32_t{2} << dim) - 2;  // bits 1..dim
  if (!has_month_day_) return month;
  std::uint32_t days = month_day_pos_ & month;
  for (std::uint32_t neg = month_day_neg_; neg; neg &= neg - 1) {
    const int from_end = __builtin_ctz(neg);  // the from_end-th last day
    if (from_end <= dim) days |= std::uint32_t{1} << (dim - from_end + 1);
  }
  return days;
}

// The days of month m of year y that can match (jan1: the year's first day number), in order;
// add_day applies every filter.
void rule_generator::add_month(int y, int m, std::int64_t jan1) {
  const std::int64_t first = days_from_civil(civil_date{y, m, 1});
  const int first_wd = static_cast<int>(weekday_of(first));
  for (std::uint32_t days = month_day_candidates(days_in_month(y, m)); days; days &= days - 1) {
    const int d = __builtin_ctz(days);
    add_day(day_facts{first + d - 1, civil_date{y, m, d}, static_cast<int>(first + d - jan1),
                      static_cast<weekday>((first_wd + d - 1) % 7)});
  }
}

// A YEARLY period: the calendar year, or the week-numbering year (its week 1 to its last week).
bool rule_generator::fill_year() {
  if (period_ > last_year) return false;
  const int y = static_cast<int>(period_);
  if (week_year_periods_) {
    const std::int64_t end = week1_start(y + 1);
    for (std::int64_t day = week1_start(y); day < end; ++day) {
      const day_facts f = facts_of(day);
      if (f.date.year > last_year) break;
      add_day(f);
    }
    return true;
  }
  const std::int64_t jan1 = days_from_civil(civil_date{y, 1, 1});
  if (months_.empty())
    for (int m = 1; m <= 12; ++m) add_month(y, m, jan1);
  else
    for (int m : months_) add_month(y, m, jan1);
  return true;
}

// A MONTHLY period (skipped whole when BYMONTH leaves its month out).
bool rule_generator::fill_month() {
  const int y = static_cast<int>(floor_div(period_, 12));
  const int m = static_cast<int>(floor_mod(period_, 12)) + 1;
  if (y > last_year) return false;
  if (!month_mask_ || (month_mask_ >> m & 1u)) add_month(y, m, days_from_civil(civil_date{y, 1, 1}));
  return true;
}

// A WEEKLY or DAILY period: 7 days or 1 from the period's first day.
bool rule_generator::fill_days() {
  const int days = freq_ == frequency::weekly ? 7 : 1;
  for (int i = 0; i < days; ++i) {
    const day_facts f = facts_of(period_ + i);
    if (f.date.year > last_year) return false;
    add_day(f);
  }
  return true;
}

void rule_generator::fill_period() {
  buffer_.clear();
  from_shape_ = false;
  base_ = 0;
  begin_ = count_ = pos_ = 0;
  if (horizon_ != INT64_MAX && period_start() > horizon_) {
    exhausted_ = true;
    return;
  }
  ++periods_examined_;
  // Periods moved past, for the never-matches bound; after a match, counted from the last
  // period that matched.
  std::int64_t advanced = 1;
  const bool shaped = !sub_daily(freq_) && fill_from_shape(advanced);  // shapes hold their BYSETPOS selection
  if (sub_daily(freq_)) {
    fill_sub_daily_period(advanced);
  } else if (!shaped) {
    fill_general();
    period_ += step_;
  }
  if (!shaped) apply_set_pos();
  if (!from_shape_) count_ = buffer_.size();
  if (count_ == 0) {
    periods_since_match_ += advanced;
    if (cycle_periods_ > 0 && periods_since_match_ > cycle_periods_) exhausted_ = true;
  } else {
    periods_since_match_ = advanced - 1;  // the periods passed after this one
  }
  const std::int64_t* at = items();
  while (pos_ < count_ && base_ + at[pos_] < dtstart_.value) ++pos_;
}

// A YEARLY, MONTHLY, WEEKLY or DAILY period by testing each of its days (then BYSETPOS, in
// fill_period); past the year 9999 the rule is exhausted.
__attribute__((noinline)) void rule_generator::fill_general() {
  switch (freq_) {
    case frequency::yearly:
    case frequency::monthly:
      if (!(freq_ == frequency::yearly ? fill_year() : fill_month())) exhausted_ = true;
      break;
    case frequency::weekly:
    case frequency::daily: exhausted_ = !fill_days(); break;
    default: break;
  }
}

// The period's shape key and first day, or false when shapes do not apply (see the header).
bool rule_generator::shape_of_period(std::int64_t period, std::int64_t& first_day, int& key) const {
  switch (shape_kind_) {
    case shape_kind::none: return false;
    case shape_kind::year: return false;  // fill_year_from_shape
    case shape_kind::month: {
      const std::int64_t y = floor_div(period, 12);
      if (y < 1 || y >= last_year) return false;
      const int m = static_cast<int>(floor_mod(period, 12)) + 1;
      first_day = days_from_civil(civil_date{static_cast<int>(y), m, 1});
      const int wd = static_cast<int>(weekday_of(first_day));
      // Without BYMONTH or BYYEARDAY a month's instances depend only on its length (28-31
      // days) and first weekday: 28 shapes to learn instead of 168.
      key = month_mask_ || has_year_day_ ? (m - 1) * 14 + (is_leap_year(static_cast<int>(y)) ? 7 : 0) + wd
                                         : (days_in_month(static_cast<int>(y), m) - 28) * 7 + wd;
      return true;
    }
    case shape_kind::weekday:
      if (period < first_shaped_day || period > last_shaped_day) return false;
      first_day = period;
      key = static_cast<int>(weekday_of(first_day));
      return true;
  }
  return false;
}

// Whether the years at position p of the 400-year cycle may give instances: their shape is
// not yet learned, or learned non-empty.
bool rule_generator::year_may_match(int p) const {
  return years_may_match_[static_cast<std::size_t>(p / 64)] >> (p % 64) & 1u;
}

// Year y's first day and position in the 400-year cycle; the year pass_years_known_empty
// moved to comes from its cache, without a division.
void rule_generator::year_facts(std::int64_t y, std::int64_t& first_day, int& pos) const {
  if (y == next_year_.year) {
    pos = next_year_.pos;
    first_day = next_year_.cycle_first_day + cycle_jan1[static_cast<std::size_t>(pos)];
    return;
  }
  const std::int64_t cycle = floor_div(y, 400);
  pos = static_cast<int>(y - cycle * 400);
  first_day = year0_jan1 + cycle * days_per_cycle + cycle_jan1[static_cast<std::size_t>(pos)];
}

// YEARLY: moves period_ on through the following years whose shapes are known to be empty,
// so that fill_period's step lands on one that may match (a February 29 rule passes three
// years in four this way, with one bit scan of the 400-year cycle when INTERVAL is 1). Stops
// at the horizon's year, before the year 9999 and at the never-matches bound; the years
// passed count in `advanced` and as examined periods. With INTERVAL 1 the landing year's
// facts are kept for year_facts, from this year's (first_day, pos) without a division.
void rule_generator::pass_years_known_empty(std::int64_t first_day, int pos, std::int64_t& advanced) {
  const std::int64_t limit = std::min<std::int64_t>(last_year - 1, horizon_year_);
  if (period_ + step_ > limit) return;
  const std::int64_t bound = cycle_periods_ > 0 ? cycle_periods_ : 400;
  std::int64_t n = 0;
  if (step_ == 1) {
    const int after = pos == 399 ? 0 : pos + 1;
    n = std::min<std::int64_t>({bound, limit - period_, distance_to_next_bit(years_may_match_, after)});
    int landing = pos + static_cast<int>(n) + 1;  // at most 800
    std::int64_t cycle_first_day = first_day - cycle_jan1[static_cast<std::size_t>(pos)];
    if (landing >= 400) landing -= 400, cycle_first_day += days_per_cycle;
    if (landing >= 400) landing -= 400, cycle_first_day += days_per_cycle;
    next_year_ = {period_ + n + 1, cycle_first_day, landing};
  } else {
    const std::int64_t most = std::min(bound, (limit - period_) / step_);
    while (n < most && !year_may_match(static_cast<int>(floor_mod(period_ + (n + 1) * step_, 400)))) ++n;
  }
  if (n == 0) return;
  period_ += n * step_;
  advanced += n;
  periods_examined_ += static_cast<std::uint64_t>(n);
}

// DAILY, WEEKLY or MONTHLY periods from their shapes: the current one served in place, or,
// once batch_ has grown past 1, with the following periods copied into buffer_ after it (a
// daily or monthly rule then costs one fill per batch, not one per period). A batch stops at
// the horizon, where shapes end (the year 9998), at a shape not yet learned (learning uses
// buffer_) and at max_batch_items instances; its periods move period_ on. False when the
// current period has no shape.
bool rule_generator::fill_shaped_batch(std::int64_t& advanced) {
  std::int64_t first_day = 0;
  int key = 0;
  if (!shape_of_period(period_, first_day, key)) return false;
  const int batch = next_batch();
  serve_shape(key, first_day);
  period_ += step_;
  if (batch == 1) return true;
  std::int64_t since_match = count_ == 0 ? 1 : 0;  // periods since the last that matched
  copy_served_shape();
  const int weekday_step = static_cast<int>(step_ % 7);
  for (int n = 1; n < batch && buffer_.size() < max_batch_items && next_batched_period(weekday_step, first_day, key);
       ++n) {
    const std::int64_t* items = shape_pool_.data() + shape_begin_[key];
    const std::int64_t base = first_day * seconds_per_day;
    for (std::uint32_t i = 0; i < shape_size_[key]; ++i) buffer_.push_back(base + items[i]);
    since_match = shape_size_[key] == 0 ? since_match + 1 : 0;
    period_ += step_;
    ++advanced;
    ++periods_examined_;
  }
  if (!buffer_.empty()) advanced = since_match + 1;
  return true;
}

// Whether period_ can join the batch (shaped, its shape learned, not past the horizon), and
// its first day and shape. A day or week's weekday (its shape) steps on from the last
// period's by weekday_step (INTERVAL in days, mod 7), without a division.
bool rule_generator::next_batched_period(int weekday_step, std::int64_t& first_day, int& key) const {
  if (shape_kind_ == shape_kind::weekday) {
    first_day = period_;
    key = key + weekday_step >= 7 ? key + weekday_step - 7 : key + weekday_step;
    if (period_ > last_shaped_day) return false;
  } else if (!shape_of_period(period_, first_day, key)) {
    return false;
  }
  return shape_begin_[key] >= 0 && first_day * seconds_per_day <= horizon_;
}

// The periods the next fill may serve, doubled for the fill after it: a point query fills
// one or two periods, a long expansion amortises the fill.
int rule_generator::next_batch() noexcept {
  const int batch = batch_;
  batch_ = std::min(max_batch_periods, batch_ * 2);
  return batch;
}

// Moves the period served from a shape into buffer_, so that later periods can follow it.
void rule_generator::copy_served_shape() {
  const std::int64_t* items = shape_pool_.data() + begin_;
  for (std::size_t i = 0; i < count_; ++i) buffer_.push_back(base_ + items[i]);
  from_shape_ = false;
  base_ = 0;
  begin_ = count_ = 0;
}

// Serves period_ from its shape (learning the shape first if this is its first period), and in
// a batch the periods after it, moving period_ on; false when it has no shape, for the
// general path.
bool rule_generator::fill_from_shape(std::int64_t& advanced) {
  switch (shape_kind_) {
    case shape_kind::none: return false;
    case shape_kind::year:
      if (!fill_year_from_shape(advanced)) return false;
      period_ += step_;
      return true;
    default: return fill_shaped_batch(advanced);
  }
}

// A YEARLY period from its shape (years 1..9998), then the following years known to be empty
// are passed.
bool rule_generator::fill_year_from_shape(std::int64_t& advanced) {
  if (period_ < 1 || period_ >= last_year) return false;
  std::int64_t first_day = 0;
  int pos = 0;
  year_facts(period_, first_day, pos);
  serve_shape(year_keys[static_cast<std::size_t>(pos)], first_day);
  pass_years_known_empty(first_day, pos, advanced);
  return true;
}

void rule_generator::serve_shape(int key, std::int64_t first_day) {
  if (shape_begin_[key] < 0) learn_shape(key, first_day);
  from_shape_ = true;
  base_ = first_day * seconds_per_day;
  begin_ = static_cast<std::size_t>(shape_begin_[key]);
  count_ = shape_size_[key];
}

// The general path's answer for this period, kept as offsets from its first day.
__attribute__((noinline, cold)) void rule_generator::learn_shape(int key, std::int64_t first_day) {
  fill_general();
  apply_set_pos();
  const std::int64_t base = first_day * seconds_per_day;
  if (shape_pool_.capacity() == 0) shape_pool_.reserve(16);  // one allocation for most rules' shapes
  shape_begin_[key] = static_cast<std::int32_t>(shape_pool_.size());
  shape_size_[key] = static_cast<std::uint32_t>(buffer_.size());
  if (shape_kind_ == shape_kind::year && buffer_.empty())
    for (std::size_t w = 0; w < years_may_match_.size(); ++w)
      years_may_match_[w] &= ~years_of_key[static_cast<std::size_t>(key)][w];
  for (std::int64_t t : buffer_) shape_pool_.push_back(t - base);
  buffer_.clear();
}

// Sub-daily: the current period's instants if its day and time pass every filter, with those
// of the following periods of the same day (a batch, bounded, and one period only under
// BYSETPOS, which picks within a period); otherwise a jump to the first aligned period at or
// after the next time of day that could pass. The day's verdict is kept for its periods.
void rule_generator::fill_sub_daily_period(std::int64_t& advanced) {
  const std::int64_t stride = step_ * unit_seconds_of(freq_);
  std::int64_t t = period_ * unit_seconds_of(freq_);
  const std::int64_t day = floor_div(t, seconds_per_day);
  if (day != checked_day_) {
    const day_facts f = facts_of(day);
    checked_day_ = day;
    day_after_calendar_ = f.date.year > last_year;
    day_passes_ = !day_after_calendar_ && day_matches(f);
  }
  if (day_after_calendar_) {
    exhausted_ = true;
    return;
  }
  if (!day_passes_) {
    skip_sub_daily_to((day + 1) * seconds_per_day, advanced);
    return;
  }
  const int batch = next_batch();
  const std::int64_t day_start = day * seconds_per_day, day_end = day_start + seconds_per_day;
  if (any_time_passes_ && times_.size() == 1 && !has_set_pos_) {
    fill_every_period(t, stride, batch, day_end);
    return;
  }
  for (int periods = 0; periods < batch && t < day_end && t <= horizon_; ++periods) {
    const std::int64_t sod = t - day_start;
    const std::int64_t allowed = any_time_passes_ ? sod : next_allowed_time(sod);
    if (allowed != sod) {
      if (periods == 0) skip_sub_daily_to(day_start + allowed, advanced);
      return;  // the periods so far are served; the next fill skips ahead
    }
    for (int offset : times_) buffer_.push_back(t + offset);
    period_ += step_;
    t += stride;
    if (has_set_pos_) return;
  }
}

// Sub-daily, when every period of a passing day holds one instance: up to `batch` periods
// from t, within the day and not past the horizon, written in one pass.
void rule_generator::fill_every_period(std::int64_t t, std::int64_t stride, int batch, std::int64_t day_end) {
  std::int64_t n = std::min<std::int64_t>(batch, (day_end - t + stride - 1) / stride);
  if (horizon_ != INT64_MAX) n = std::min(n, horizon_ < t ? 0 : (horizon_ - t) / stride + 1);
  const std::size_t first = buffer_.size();
  buffer_.resize(first + static_cast<std::size_t>(n));
  std::int64_t* out = buffer_.data() + first;
  const std::int64_t at = t + times_.front();
  for (std::int64_t i = 0; i < n; ++i) out[i] = at + i * stride;
  period_ += n * step_;
}

// Sub-daily: moves period_ to the first aligned period starting at or after local time t.
void rule_generator::skip_sub_daily_to(std::int64_t t, std::int64_t& advanced) {
  const std::int64_t unit = unit_seconds_of(freq_);
  const std::int64_t target = floor_div(t + unit - 1, unit);
  const std::int64_t k = std::max<std::int64_t>(1, floor_div(target - period_ + step_ - 1, step_));
  period_ += k * step_;
  advanced = k;
}

void rule_generator::set_horizon(civil_seconds t) noexcept {
  horizon_ = std::min(horizon_, t.value);
  const std::int64_t day = floor_div(horizon_, seconds_per_day);
  horizon_year_ = day > days_from_civil(civil_date{last_year, 12, 31}) ? INT64_MAX : civil_from_days(day).year;
}

std::int64_t rule_generator::seek(civil_seconds t) {
  std::int64_t target = 0;
  const std::int64_t day = day_number(t);
  switch (freq_) {
    case frequency::yearly: target = week_year_periods_ ? week_year_of(day) : civil_from_days(day).year; break;
    case frequency::monthly: {
      const civil_date d = civil_from_days(day);
      target = std::int64_t{d.year} * 12 + d.month - 1;
      break;
    }
    case frequency::weekly: target = week_start_of(day, wkst_); break;
    case frequency::daily: target = day; break;
    default: target = floor_div(t.value, unit_seconds_of(freq_)); break;
  }
  const std::int64_t k = floor_div(target - period_, step_);
  if (k > 0) {
    period_ += k * step_;
    buffer_.clear();
    from_shape_ = false;
    count_ = pos_ = 0;
    batch_ = 1;
  }
  return (period_ - period0_) / step_;
}

std::size_t rule_generator::pattern_count(std::int64_t k) {
  period_ = period0_ + k * step_;
  exhausted_ = false;
  batch_ = 1;  // period k alone
  fill_period();
  return count_;
}

std::size_t rule_generator::pattern_count_before(std::int64_t k, civil_seconds t) {
  pattern_count(k);
  const std::int64_t* at = items();
  return static_cast<std::size_t>(std::lower_bound(at, at + count_, t.value - base_) - at);
}

int rule_generator::year_of_period(std::int64_t k) const {
  const std::int64_t p = period0_ + k * step_;
  switch (freq_) {
    case frequency::yearly: return static_cast<int>(p);
    case frequency::monthly: return static_cast<int>(floor_div(p, 12));
    case frequency::weekly:
    case frequency::daily: return civil_from_days(p).year;
    default: return civil_from_days(floor_div(p * unit_seconds_of(freq_), seconds_per_day)).year;
  }
}

// flatten: filling a period is on the per-occurrence path of sparse rules (one period per
// instance of a yearly rule), so its steps are compiled into one function.
__attribute__((flatten)) bool rule_generator::next_period(civil_seconds& out) {
  while (pos_ >= count_) {
    if (exhausted_) return false;
    fill_period();
  }
  out = civil_seconds{base_ + items()[pos_++]};
  return true;
}

}  // namespace recur::detail
