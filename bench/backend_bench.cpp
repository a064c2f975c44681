// Backend-scale workloads (bench/README.md, "At backend scale"): a month of a location with
// 2,000 masters reconciled against ~100,000 fetched instances; a million instance ids
// validated; conflicts among 10,000 series of 1,000 users over a year. Each reports its rate
// and the peak heap it adds on top of its inputs.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "alloc_counter.hpp"
#include "recur/event_series.hpp"
#include "recur/iso8601.hpp"
#include "recur/reconcile.hpp"
#include "recur/schedule.hpp"
#include "recur/validate.hpp"

namespace {

recur::instant at(const char* iso) { return *recur::parse_iso8601(iso).value().as_written(); }

const recur::zone& chicago() {
  static const recur::zone z = recur::zone::load("America/Chicago").value();
  return z;
}

// Master i: daily at 09:00 and 15:00 Chicago (30 minutes), from 2026-01-05 on.
recur::event daily_master(int i) {
  recur::event m;
  m.id = "master" + std::to_string(i);
  m.recurrence = "RRULE:FREQ=DAILY;BYHOUR=9,15";
  m.start = at("2026-01-05T09:00:00-06:00");
  m.end = *m.start + std::chrono::minutes(30);
  return m;
}

// 2,000 masters; their March 2026 instances (124,000) fetched, a fifth of them dropped
// (missing) and one in a hundred moved by ten minutes: ~99,000 fetched events.
void BM_reconcile_2000_masters_100k_events_month(benchmark::State& state) {
  const recur::window march{at("2026-03-01T00:00:00-06:00"), at("2026-03-31T23:59:59-05:00")};
  std::vector<recur::event> masters, fetched;
  std::mt19937 rng(2000);
  for (int i = 0; i < 2000; ++i) {
    masters.push_back(daily_master(i));
    const recur::series s = recur::series_of(masters.back(), chicago()).value();
    const std::vector<std::string> month = *recur::instance_ids(s, masters.back().id, march);
    for (const std::string& id : month) {
      if (rng() % 5 == 0) continue;
      recur::event e;
      e.id = id;
      e.series_id = masters.back().id;
      e.recurring = true;
      const recur::instant start = recur::from_unix_ms(std::stoll(id.substr(id.find('_') + 1)));
      e.start = rng() % 100 == 0 ? start + std::chrono::minutes(10) : start;
      e.end = *e.start + std::chrono::minutes(30);
      fetched.push_back(std::move(e));
    }
  }
  recur::bench::reset_peak();
  const std::uint64_t before = recur::bench::live_bytes();
  std::size_t missing = 0;
  for (auto _ : state) missing = recur::reconcile(fetched, masters, chicago(), march).value().summary.missing;
  state.counters["fetched"] = static_cast<double>(fetched.size());
  state.counters["missing"] = static_cast<double>(missing);
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(fetched.size()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_heap_bytes"] = static_cast<double>(recur::bench::peak_bytes() - before);
}
BENCHMARK(BM_reconcile_2000_masters_100k_events_month)->Unit(benchmark::kMillisecond);

// 1,000 masters, 1,000 ids each: occurrences of 2026 drawn at random, one in ten moved off the
// rule by a minute.
void BM_validate_1m_ids(benchmark::State& state) {
  std::vector<recur::series> series;
  std::vector<std::string> masters;
  std::vector<std::vector<std::string>> ids(1000);
  std::mt19937 rng(1000000);
  const recur::window year{at("2026-01-05T00:00:00Z"), at("2026-12-31T23:59:59Z")};
  for (int i = 0; i < 1000; ++i) {
    const recur::event m = daily_master(i);
    masters.push_back(m.id);
    series.push_back(recur::series_of(m, chicago()).value());
    const std::vector<recur::instant> starts = recur::expand(series.back(), year)->starts;
    for (int j = 0; j < 1000; ++j) {
      const recur::instant start = starts[rng() % starts.size()] + std::chrono::minutes(rng() % 10 == 0 ? 1 : 0);
      ids[static_cast<std::size_t>(i)].push_back(recur::format_instance_id(m.id, start, std::chrono::minutes(30)));
    }
  }
  std::size_t valid = 0;
  for (auto _ : state) {
    valid = 0;
    for (std::size_t i = 0; i < series.size(); ++i)
      for (const std::string& id : ids[i]) valid += recur::validate(series[i], masters[i], id).valid();
  }
  state.counters["valid"] = static_cast<double>(valid);
  state.counters["ids/s"] = benchmark::Counter(1e6, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_validate_1m_ids)->Unit(benchmark::kMillisecond);

// 10,000 weekly series (a weekday, a half-hour slot between 08:00 and 16:00, 30 or 60
// minutes), ten per user, over 2026: conflicts streamed to a counter.
void BM_conflicts_10000_series_1000_users_year(benchmark::State& state) {
  const char* days[] = {"MO", "TU", "WE", "TH", "FR"};
  std::mt19937 rng(10000);
  std::vector<recur::event> events;
  for (int i = 0; i < 10000; ++i) {
    recur::event e;
    e.id = "s" + std::to_string(i);
    const int day = static_cast<int>(rng() % 5);
    e.recurrence = std::string("RRULE:FREQ=WEEKLY;BYDAY=") + days[day];
    e.start = at("2026-01-05T08:00:00-06:00") + std::chrono::hours(24) * day +
              std::chrono::minutes(30) * static_cast<int>(rng() % 16);
    e.end = *e.start + std::chrono::minutes(30) * (1 + static_cast<int>(rng() % 2));
    e.people.push_back("user" + std::to_string(i % 1000));
    events.push_back(std::move(e));
  }
  std::vector<std::string> notes;
  const auto sources = recur::busy_sources(events, chicago(), recur::key_kind::person, notes);
  const recur::window year{at("2026-01-01T00:00:00Z"), at("2026-12-31T23:59:59Z")};
  std::size_t conflicts = 0;
  recur::bench::reset_peak();
  const std::uint64_t before = recur::bench::live_bytes();
  for (auto _ : state) {
    conflicts = 0;
    recur::find_conflicts(sources, year, [&](const recur::conflict&) { ++conflicts; });
  }
  state.counters["conflicts"] = static_cast<double>(conflicts);
  state.counters["occurrences/s"] = benchmark::Counter(10000.0 * 52, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_heap_bytes"] = static_cast<double>(recur::bench::peak_bytes() - before);
}
BENCHMARK(BM_conflicts_10000_series_1000_users_year)->Unit(benchmark::kMillisecond);

}  // namespace
