#include "recur/series.hpp"

#include <algorithm>

#include "series/series_data.hpp"
#include "time/zone_seconds.hpp"

namespace recur {
namespace {

constexpr std::int64_t ms_per_second = 1000;

void sort_unique(std::vector<std::int64_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Years 1..9999 (RFC 5545 DATE-TIME range) for DTSTART and the first occurrence's end.
status check_times(std::int64_t dtstart_ms, std::int64_t duration_ms) {
  const std::int64_t min_ms = unix_ms(first_instant), max_ms = unix_ms(last_instant);
  if (dtstart_ms < min_ms || dtstart_ms > max_ms)
    return make_error(error_code::bad_time, "the start time is outside the years 0001..9999");
  if (duration_ms < 0) return make_error(error_code::bad_time, "the duration is negative");
  // The first occurrence's end must be a time too (later ones are checked as they come).
  if (duration_ms > max_ms - dtstart_ms)
    return make_error(error_code::bad_time, "the start plus the duration (" + std::to_string(duration_ms / 1000) +
                                                " s) ends after the year 9999");
  return success();
}

// UNTIL as an instant (UTC seconds): a DATE is inclusive through the last second of that
// local day, or its start (dateutil).
std::int64_t until_seconds(const until_value& until, const zone& tz, const series_options& options) {
  switch (until.form) {
    case until_value::kind::utc: return until.time.value;
    case until_value::kind::floating: return detail::zone_seconds::resolve(tz, until.time, options.overlaps);
    case until_value::kind::date:
      return options.until_date == until_date_policy::start_of_day
                 ? detail::zone_seconds::resolve(tz, until.time, options.overlaps)
                 : detail::zone_seconds::resolve(tz, civil_seconds{until.time.value + seconds_per_day - 1}, options.overlaps);
  }
  return until.time.value;
}

// An EXDATE/RDATE value as an instant (UTC ms, with DTSTART's sub-second part); a DATE takes
// DTSTART's time of day.
result<std::int64_t> date_value_ms(const date_value& v, const detail::series_data& s) {
  const std::int64_t time_of_day = floor_mod(s.dtstart_local.value, seconds_per_day);
  std::int64_t sec = 0;
  switch (v.form) {
    case date_value::kind::utc: sec = v.time.value; break;
    case date_value::kind::floating: sec = detail::zone_seconds::resolve(s.tz, v.time, s.options.overlaps); break;
    case date_value::kind::date: sec = detail::zone_seconds::resolve(s.tz, civil_seconds{v.time.value + time_of_day}, s.options.overlaps); break;
    case date_value::kind::zoned: {
      auto z = zone::load(v.tzid);
      if (!z) return z.err();
      sec = detail::zone_seconds::resolve(*z, v.time, s.options.overlaps);
      break;
    }
  }
  return sec * ms_per_second + s.sub_second_ms;
}

// EXDATE values (instants, or local days for VALUE=DATE) and RDATE instants, sorted, unique.
status resolve_dates(const recurrence& rec, detail::series_data& s) {
  for (const date_value& v : rec.exdates) {
    if (v.form == date_value::kind::date) {
      s.exdate_days.push_back(day_number(v.time));
      continue;
    }
    auto ms = date_value_ms(v, s);
    if (!ms) return ms.err();
    s.exdate_ms.push_back(*ms);
  }
  for (const date_value& v : rec.rdates) {
    auto ms = date_value_ms(v, s);
    if (!ms) return ms.err();
    s.rdate_ms.push_back(*ms);
  }
  sort_unique(s.exdate_ms);
  sort_unique(s.exdate_days);
  sort_unique(s.rdate_ms);
  return success();
}

result<series> build_series(recurrence rec, std::vector<std::string> warnings, instant dtstart, const zone& tz,
                            milliseconds duration, series_options options) {
  const std::int64_t dtstart_ms = unix_ms(dtstart);
  if (auto times = check_times(dtstart_ms, duration.count()); !times) return times.err();

  auto data = std::make_shared<detail::series_data>();
  detail::series_data& s = *data;
  s.warnings = std::move(warnings);
  s.tz = tz;
  s.dtstart_ms = dtstart_ms;
  s.duration_ms = duration.count();
  s.options = options;
  const std::int64_t dtstart_s = floor_div(dtstart_ms, ms_per_second);
  s.sub_second_ms = dtstart_ms - dtstart_s * ms_per_second;
  s.dtstart_local = civil_seconds{dtstart_s + detail::zone_seconds::range_at(tz, dtstart_s).offset};
  if (rec.rule.until) s.until_ms = until_seconds(*rec.rule.until, tz, options) * ms_per_second + s.sub_second_ms;
  if (auto dates = resolve_dates(rec, s); !dates) return dates.err();

  s.rec = std::move(rec);
  s.compiled_rule = std::make_shared<const detail::rule_generator>(s.rec.rule, s.dtstart_local, options.reading);
  s.count_cache = std::make_shared<detail::count_cache>();
  return detail::series_access::wrap(std::move(data));
}

}  // namespace

result<series> make_series(recurrence rec, instant dtstart, const zone& tz, milliseconds duration,
                           series_options options) {
  return build_series(std::move(rec), {}, dtstart, tz, duration, options);
}

result<series> make_series(std::string_view recurrence_text, instant dtstart, const zone& tz, milliseconds duration,
                           const interpretation& how) {
  auto parsed = parse_recurrence(recurrence_text, how.parse);
  if (!parsed) return parsed.err();
  return build_series(std::move(parsed->value), std::move(parsed->warnings), dtstart, tz, duration, how.series);
}

const recurrence& series::definition() const noexcept { return data_->rec; }
const std::vector<std::string>& series::warnings() const noexcept { return data_->warnings; }
const zone& series::tz() const noexcept { return data_->tz; }
instant series::dtstart() const noexcept { return from_unix_ms(data_->dtstart_ms); }
milliseconds series::duration() const noexcept { return milliseconds{data_->duration_ms}; }
const series_options& series::options() const noexcept { return data_->options; }
bool series::finite() const noexcept { return data_->finite(); }

namespace detail {

const count_index* count_index_of(const series_data& s) {
  count_cache& cache = *s.count_cache;
  std::call_once(cache.once, [&] { cache.index = count_index::build(*s.compiled_rule, s.dtstart_local); });
  return cache.index ? &*cache.index : nullptr;
}

}  // namespace detail
}  // namespace recur
