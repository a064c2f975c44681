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

std::int64_t ms(const char* iso) { return recur::parse_iso8601(iso).value().instant_ms(); }

recur::series make(const workload& w) {
  std::string text = std::string("RRULE:") + w.rule;
  if (w.exdates) {
    text += "\nEXDATE:";
    const std::int64_t first = ms(w.start) / 1000;
    for (int i = 0; i < w.exdates; ++i) {
      if (i) text += ',';
      text += recur::format_ical_date_time(recur::civil_seconds{first + i * 3 * 86400}, true);
    }
  }
  auto parsed = recur::parse_recurrence(text).value_or_throw();
  auto zone = recur::zone::load(w.zone).value_or_throw();
  return recur::make_series(parsed.value, ms(w.start), zone, 0).value_or_throw();
}

void report(benchmark::State& state, std::int64_t occurrences) {
  state.counters["occ/s"] = benchmark::Counter(static_cast<double>(occurrences), benchmark::Counter::kIsRate);
  state.counters["s/occ"] = benchmark::Counter(static_cast<double>(occurrences),
                                               benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_expand_recur(benchmark::State& state) {
  const workload& w = workloads[state.range(0)];
  const recur::series s = make(w);
  const recur::window win{ms(w.from), ms(w.to)};
  std::int64_t total = 0, checksum = 0;
  const std::uint64_t allocations_before = recur::bench::allocations();
  for (auto _ : state) {
    recur::occurrence_iterator it(s, win.from_ms);
    std::int64_t start = 0;
    while (it.next(start) && start <= win.to_ms) {
      if (start < win.from_ms) continue;
      ++total;
      checksum += start;
    }
  }
  benchmark::DoNotOptimize(checksum);
  report(state, total);
  state.counters["occ/expansion"] = static_cast<double>(total) / static_cast<double>(state.iterations());
  state.counters["allocs/occ"] =
      static_cast<double>(recur::bench::allocations() - allocations_before) / static_cast<double>(total);
}

// libical: icalrecur_iterator in DTSTART's zone, each instance converted to UTC with the zone.
void BM_expand_libical(benchmark::State& state) {
  const workload& w = workloads[state.range(0)];
  icaltimezone* zone = std::string(w.zone) == "UTC" ? icaltimezone_get_utc_timezone()
                                                     : icaltimezone_get_builtin_timezone(w.zone);
  const recur::series s = make(w);  // for DTSTART's wall-clock fields and the EXDATE instants
  const recur::civil_fields f = recur::split(s.dtstart_local);
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
      if (!s.exdate_ms.empty() && std::binary_search(s.exdate_ms.begin(), s.exdate_ms.end(), u * 1000)) continue;
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
BENCHMARK(BM_expand_libical)->Apply(expansion_args);

// Workload 8: one week of 2026 from a series that started in 1970.
const char* window_rules[] = {"FREQ=DAILY", "FREQ=WEEKLY;BYDAY=TU,TH"};

void BM_window_query_recur(benchmark::State& state) {
  auto parsed = recur::parse_recurrence(window_rules[state.range(0)]).value_or_throw();
  const recur::series s = recur::make_series(parsed.value, ms("1970-01-01T09:00:00-05:00"),
                                             recur::zone::load("America/New_York").value_or_throw(), 1800000)
                              .value_or_throw();
  const recur::window win{ms("2026-03-02T00:00:00Z"), ms("2026-03-08T23:59:59Z")};
  std::size_t found = 0;
  for (auto _ : state) found += recur::expand(s, win).starts_ms.size();
  benchmark::DoNotOptimize(found);
  state.counters["occ/query"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}

void BM_window_query_libical(benchmark::State& state) {
  icaltimezone* zone = icaltimezone_get_builtin_timezone("America/New_York");
  icaltimetype dtstart = icaltime_from_string("19700101T090000");
  dtstart = icaltime_set_timezone(&dtstart, zone);
  icaltimetype window_start = icaltime_from_string("20260302T000000");
  window_start = icaltime_set_timezone(&window_start, zone);
  const icalrecurrencetype rule = icalrecurrencetype_from_string(window_rules[state.range(0)]);
  const std::int64_t to_s = ms("2026-03-08T23:59:59Z") / 1000;
  std::size_t found = 0;
  for (auto _ : state) {
    icalrecur_iterator* it = icalrecur_iterator_new(rule, dtstart);
    icalrecur_iterator_set_start(it, window_start);  // libical's skip-ahead (refused with COUNT)
    for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t); t = icalrecur_iterator_next(it)) {
      if (icaltime_as_timet_with_zone(t, zone) > to_s) break;
      ++found;
    }
    icalrecur_iterator_free(it);
  }
  benchmark::DoNotOptimize(found);
  state.counters["occ/query"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}

BENCHMARK(BM_window_query_recur)->Arg(0)->Arg(1)->ArgName("rule")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_window_query_libical)->Arg(0)->Arg(1)->ArgName("rule")->Unit(benchmark::kMicrosecond);

// Workload 10: instance ids written to a buffer.
void BM_format_instance_id(benchmark::State& state) {
  char buf[128];
  std::int64_t start = 1729821600000;
  std::size_t bytes = 0;
  for (auto _ : state) {
    bytes += recur::format_instance_id(buf, sizeof buf, "ocQHyuzHvysMo5N5VsXc", start, 1800);
    start += 60000;
    benchmark::DoNotOptimize(buf);
  }
  benchmark::DoNotOptimize(bytes);
  state.counters["ids/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_format_instance_id);

}  // namespace

BENCHMARK_MAIN();
