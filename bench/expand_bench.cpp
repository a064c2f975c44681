// recur against libical on identical rules, zones and windows (README "Benchmarks").
// Each expansion workload reports occurrences per second ("occ/s"), seconds per occurrence
// ("s/occ") and, for recur, heap allocations per occurrence ("allocs/occ"). Compare the
// BM_<workload>/recur and BM_<workload>/libical rows of one run for the ratio.
#include <benchmark/benchmark.h>
#include <libical/ical.h>

#include <algorithm>
#include <string>
#include <vector>

#include "alloc_counter.hpp"
#include "recur/expand.hpp"
#include "recur/instance_id.hpp"
#include "recur/iso8601.hpp"
#include "recur/profile.hpp"
#include "recur/validate.hpp"

namespace {

struct workload {
  const char* rule;      // RRULE value (no prefix)
  const char* start;     // DTSTART as the API writes startTime
  const char* zone;      // IANA zone
  const char* from;      // window (ISO 8601)
  const char* to;
  int exdates = 0;       // workload 7: this many EXDATEs, one every 3 days from DTSTART
};

const workload workloads[] = {
    {"FREQ=MINUTELY", "2026-01-01T00:00:00Z", "UTC", "2026-01-01T00:00:00Z", "2026-12-31T23:59:59Z"},
    {"FREQ=DAILY;BYHOUR=8,12,16", "2000-01-01T08:00:00-05:00", "America/New_York", "2000-01-01T00:00:00Z",
     "2049-12-31T23:59:59Z"},
    {"FREQ=WEEKLY;BYDAY=MO,WE,FR", "2000-01-03T09:00:00+01:00", "Europe/Berlin", "2000-01-01T00:00:00Z",
     "2099-12-31T23:59:59Z"},
    {"FREQ=MONTHLY;BYDAY=-1FR", "2000-01-28T09:00:00+11:00", "Australia/Sydney", "2000-01-01T00:00:00Z",
     "2399-12-31T23:59:59Z"},
    {"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2000-02-29T12:00:00Z", "UTC", "2000-01-01T00:00:00Z",
     "3999-12-31T23:59:59Z"},
    {"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2000-01-31T09:00:00Z", "UTC", "2000-01-01T00:00:00Z",
     "2199-12-31T23:59:59Z"},
    {"FREQ=DAILY", "2016-01-01T09:00:00-05:00", "America/New_York", "2016-01-01T00:00:00Z", "2025-12-31T23:59:59Z",
     1000},
};

recur::instant at(const char* iso) { return *recur::parse_iso8601(iso).value().as_written(); }
std::int64_t ms(const char* iso) { return recur::unix_ms(at(iso)); }

recur::series make(const workload& w, recur::profile p = recur::profile::rfc) {
  std::string text = std::string("RRULE:") + w.rule;
  if (w.exdates) {
    text += "\nEXDATE:";
    const std::int64_t first = ms(w.start) / 1000;
    for (int i = 0; i < w.exdates; ++i) {
      if (i) text += ',';
      text += recur::format_ical_date_time(recur::civil_seconds{first + i * 3 * 86400}, true);
    }
  }
  const recur::zone zone = recur::zone::load(w.zone).value();
  return recur::make_series(text, at(w.start), zone, recur::milliseconds{0}, recur::interpretation_of(p)).value();
}

void report(benchmark::State& state, std::int64_t occurrences) {
  state.counters["occ/s"] = benchmark::Counter(static_cast<double>(occurrences), benchmark::Counter::kIsRate);
  state.counters["s/occ"] = benchmark::Counter(static_cast<double>(occurrences),
                                               benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void expand_recur(benchmark::State& state, recur::profile p) {
  const workload& w = workloads[state.range(0)];
  const recur::series s = make(w, p);
  const recur::window win{at(w.from), at(w.to)};
  std::int64_t total = 0, checksum = 0;
  const std::uint64_t allocations_before = recur::bench::allocations();
  for (auto _ : state) {
    recur::occurrence_iterator it(s, win.from);
    recur::instant start;
    while (it.next(start) && start <= win.to) {
      if (start < win.from) continue;
      ++total;
      checksum += recur::unix_ms(start);
    }
  }
  benchmark::DoNotOptimize(checksum);
  report(state, total);
  state.counters["occ/expansion"] = static_cast<double>(total) / static_cast<double>(state.iterations());
  state.counters["allocs/occ"] =
      static_cast<double>(recur::bench::allocations() - allocations_before) / static_cast<double>(total);
}

void BM_expand_recur(benchmark::State& state) { expand_recur(state, recur::profile::rfc); }
// The dateutil profile on the same workloads (every DTSTART is on its rule, so the occurrences
// are the same): the profile switches must cost nothing on the hot path.
void BM_expand_recur_dateutil_profile(benchmark::State& state) { expand_recur(state, recur::profile::dateutil); }

// libical: icalrecur_iterator in DTSTART's zone, each instance converted to UTC with the zone.
void BM_expand_libical(benchmark::State& state) {
  const workload& w = workloads[state.range(0)];
  icaltimezone* zone = std::string(w.zone) == "UTC" ? icaltimezone_get_utc_timezone()
                                                     : icaltimezone_get_builtin_timezone(w.zone);
  const recur::series s = make(w);  // for DTSTART's wall-clock fields and the EXDATE instants
  const recur::civil_fields f = recur::split(s.tz().to_local(s.dtstart()));
  std::vector<std::int64_t> exdate_s;  // the workloads' EXDATEs are UTC
  for (const recur::date_value& v : s.definition().exdates) exdate_s.push_back(v.time.value);
  std::sort(exdate_s.begin(), exdate_s.end());
  icaltimetype dtstart = icaltime_null_time();
  dtstart.year = f.date.year;
  dtstart.month = f.date.month;
  dtstart.day = f.date.day;
  dtstart.hour = f.hour;
  dtstart.minute = f.minute;
  dtstart.second = f.second;
  dtstart = icaltime_set_timezone(&dtstart, zone);
  const icalrecurrencetype rule = icalrecurrencetype_from_string(w.rule);
  const std::int64_t from_s = ms(w.from) / 1000, to_s = ms(w.to) / 1000;
  std::int64_t total = 0, checksum = 0;
  for (auto _ : state) {
    icalrecur_iterator* it = icalrecur_iterator_new(rule, dtstart);
    for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t); t = icalrecur_iterator_next(it)) {
      const std::int64_t u = icaltime_as_timet_with_zone(t, zone);
      if (u > to_s) break;
      if (u < from_s) continue;
      if (std::binary_search(exdate_s.begin(), exdate_s.end(), u)) continue;
      ++total;
      checksum += u;
    }
    icalrecur_iterator_free(it);
  }
  benchmark::DoNotOptimize(checksum);
  report(state, total);
  state.counters["occ/expansion"] = static_cast<double>(total) / static_cast<double>(state.iterations());
}

void expansion_args(benchmark::internal::Benchmark* b) {
  for (int i = 0; i < 7; ++i) b->Arg(i);
  b->ArgName("workload")->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_expand_recur)->Apply(expansion_args);
BENCHMARK(BM_expand_recur_dateutil_profile)->Apply(expansion_args);
BENCHMARK(BM_expand_libical)->Apply(expansion_args);

// Workloads 8 and 8b: one week of 2026 (one hour for sub-daily rules) from a series that
// started in 1970, without COUNT and with a COUNT reaching past 2026 (which libical cannot skip
// ahead in: it replays from DTSTART, which for a sub-daily rule is tens of millions of
// periods, so libical runs only the rows marked).
struct window_rule {
  const char* rule;
  bool sub_daily;
  bool libical;
};
const window_rule window_rules[] = {
    {"FREQ=DAILY", false, true},
    {"FREQ=WEEKLY;BYDAY=TU,TH", false, true},
    {"FREQ=DAILY;COUNT=100000", false, true},
    {"FREQ=WEEKLY;BYDAY=TU,TH;COUNT=100000", false, true},
    {"FREQ=HOURLY", true, true},
    {"FREQ=MINUTELY", true, true},
    {"FREQ=SECONDLY", true, true},
    {"FREQ=HOURLY;COUNT=1000000", true, false},
    {"FREQ=MINUTELY;COUNT=100000000", true, false},
    {"FREQ=SECONDLY;COUNT=2000000000", true, false},
};
constexpr int window_rule_count = sizeof window_rules / sizeof window_rules[0];

recur::window query_window(int rule) {
  return {at("2026-03-02T00:00:00Z"), window_rules[rule].sub_daily ? at("2026-03-02T00:59:59Z") : at("2026-03-08T23:59:59Z")};
}

recur::series window_series(int rule) {
  return recur::make_series(window_rules[rule].rule, at("1970-01-01T09:00:00-05:00"),
                            recur::zone::load("America/New_York").value(), std::chrono::minutes(30))
      .value();
}

void BM_window_query_recur(benchmark::State& state) {
  const recur::series s = window_series(static_cast<int>(state.range(0)));
  const recur::window win = query_window(static_cast<int>(state.range(0)));
  recur::expand(s, win);  // a COUNT series builds its count index on first use; measured separately
  std::size_t found = 0;
  const std::uint64_t allocations_before = recur::bench::allocations();
  for (auto _ : state) found += recur::expand(s, win)->starts.size();
  benchmark::DoNotOptimize(found);
  state.counters["occ/query"] = static_cast<double>(found) / static_cast<double>(state.iterations());
  state.counters["allocs/query"] = static_cast<double>(recur::bench::allocations() - allocations_before) /
                                   static_cast<double>(state.iterations());
}

struct ical_series {
  icaltimezone* zone = icaltimezone_get_builtin_timezone("America/New_York");
  icaltimetype dtstart;
  icalrecurrencetype rule;
  explicit ical_series(const char* text) : rule(icalrecurrencetype_from_string(text)) {
    dtstart = icaltime_from_string("19700101T090000");
    dtstart = icaltime_set_timezone(&dtstart, zone);
  }
  icaltimetype local(const char* floating) const {
    icaltimetype t = icaltime_from_string(floating);
    return icaltime_set_timezone(&t, zone);
  }
};

void BM_window_query_libical(benchmark::State& state) {
  const window_rule& rule = window_rules[state.range(0)];
  if (!rule.libical) return state.SkipWithError("libical replays from 1970 here (minutes per query)");
  const ical_series ical(rule.rule);
  const icaltimetype window_start = ical.local("20260302T000000");
  const recur::window win = query_window(static_cast<int>(state.range(0)));
  const std::int64_t from_s = recur::unix_ms(win.from) / 1000, to_s = recur::unix_ms(win.to) / 1000;
  std::size_t found = 0;
  for (auto _ : state) {
    icalrecur_iterator* it = icalrecur_iterator_new(ical.rule, ical.dtstart);
    // libical's skip-ahead; it refuses when the rule has COUNT, and the loop then replays.
    icalrecur_iterator_set_start(it, window_start);
    for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t); t = icalrecur_iterator_next(it)) {
      const std::int64_t u = icaltime_as_timet_with_zone(t, ical.zone);
      if (u > to_s) break;
      if (u >= from_s) ++found;
    }
    icalrecur_iterator_free(it);
  }
  benchmark::DoNotOptimize(found);
  state.counters["occ/query"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}

BENCHMARK(BM_window_query_recur)->DenseRange(0, window_rule_count - 1)->ArgName("rule")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_window_query_libical)->DenseRange(0, window_rule_count - 1)->ArgName("rule")->Unit(benchmark::kMicrosecond);

// The one-time cost a COUNT series pays on its first skip-ahead: scanning one 400-year cycle.
void BM_count_index_first_query_recur(benchmark::State& state) {
  const recur::window win = query_window(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    const recur::series s = window_series(static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(recur::expand(s, win)->starts.size());
  }
}
BENCHMARK(BM_count_index_first_query_recur)->Arg(2)->Arg(3)->Arg(7)->Arg(8)->Arg(9)->ArgName("rule")->Unit(benchmark::kMicrosecond);

// Workloads 9 and 9b: is 2026-03-03 09:00 New York an occurrence (the 2026 instant of a 1970
// series)? recur: validate() on the id. libical has no validation call: the equivalent is
// skipping to the instant and comparing the next occurrence (replaying from DTSTART with COUNT).
void BM_validate_id_recur(benchmark::State& state) {
  const recur::series s = window_series(static_cast<int>(state.range(0)));
  const std::string id = recur::format_instance_id("master", at("2026-03-03T09:00:00-05:00"), recur::seconds{1800});
  recur::validate(s, "master", id);  // builds the COUNT index once
  benchmark::IterationCount valid = 0;
  for (auto _ : state) valid += recur::validate(s, "master", id).valid();
  if (valid != state.iterations()) state.SkipWithError("the id should be valid");
  benchmark::DoNotOptimize(valid);
}

void BM_validate_id_libical(benchmark::State& state) {
  if (!window_rules[state.range(0)].libical) return state.SkipWithError("libical replays from 1970 here");
  const ical_series ical(window_rules[state.range(0)].rule);
  const icaltimetype instant = ical.local("20260303T090000");
  benchmark::IterationCount valid = 0;
  for (auto _ : state) {
    icalrecur_iterator* it = icalrecur_iterator_new(ical.rule, ical.dtstart);
    icalrecur_iterator_set_start(it, instant);
    for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t); t = icalrecur_iterator_next(it)) {
      const int c = icaltime_compare(t, instant);
      if (c >= 0) {
        valid += c == 0;
        break;
      }
    }
    icalrecur_iterator_free(it);
  }
  if (valid != state.iterations()) state.SkipWithError("the id should be valid");
  benchmark::DoNotOptimize(valid);
}

BENCHMARK(BM_validate_id_recur)->DenseRange(0, window_rule_count - 1)->ArgName("rule")->Unit(benchmark::kNanosecond);
BENCHMARK(BM_validate_id_libical)->DenseRange(0, window_rule_count - 1)->ArgName("rule")->Unit(benchmark::kMicrosecond);

// Workload 9c: the same point query for sub-daily series (no COUNT): an id in mid-2026 of
// SECONDLY, MINUTELY and HOURLY series started in January in New York. validate() opens the
// iterator at the id's instant, so the cost is that of DAILY's.
void BM_validate_id_sub_daily_recur(benchmark::State& state) {
  static const char* rules[] = {"RRULE:FREQ=SECONDLY", "RRULE:FREQ=MINUTELY;BYSECOND=0,30", "RRULE:FREQ=HOURLY;BYMINUTE=15"};
  const recur::zone ny = recur::zone::load("America/New_York").value();
  const recur::series s =
      recur::make_series(rules[state.range(0)], at("2026-01-05T09:00:00-05:00"), ny, std::chrono::minutes(30)).value();
  const std::string id = recur::format_instance_id("master", at("2026-07-24T10:15:00-04:00"), recur::seconds{1800});
  benchmark::IterationCount valid = 0;
  for (auto _ : state) valid += recur::validate(s, "master", id).valid();
  if (valid != state.iterations()) state.SkipWithError("the id should be valid");
  benchmark::DoNotOptimize(valid);
}
BENCHMARK(BM_validate_id_sub_daily_recur)->DenseRange(0, 2)->ArgName("rule")->Unit(benchmark::kNanosecond);

// Workload 10: instance ids written to a buffer.
void BM_format_instance_id(benchmark::State& state) {
  char buf[128];
  recur::instant start = recur::from_unix_ms(1729821600000);
  std::size_t bytes = 0;
  for (auto _ : state) {
    bytes += recur::format_instance_id(buf, sizeof buf, "ocQHyuzHvysMo5N5VsXc", start, recur::seconds{1800});
    start += std::chrono::minutes(1);
    benchmark::DoNotOptimize(buf);
  }
  benchmark::DoNotOptimize(bytes);
  state.counters["ids/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_format_instance_id);

}  // namespace

BENCHMARK_MAIN();
