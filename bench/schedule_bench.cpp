// Scheduling workloads (README "Benchmarks"): conflicts among 1,000 weekly series of one
// user over a year, and free slots for 50 users over 31 days. Reports time and the peak heap
// the computation adds on top of its inputs ("peak_heap_bytes").
#include <benchmark/benchmark.h>

#include <random>

#include "alloc_counter.hpp"
#include "recur/iso8601.hpp"
#include "recur/reconcile.hpp"
#include "recur/schedule.hpp"

namespace {

// An ISO 8601 time with an offset, as an instant.
recur::instant at(const char* iso) { return *recur::parse_iso8601(iso).value().as_written(); }

const char* days[] = {"MO", "TU", "WE", "TH", "FR"};

recur::event weekly(const std::string& id, int day, int half_hour, int length_half_hours, const std::string& user) {
  recur::event e;
  e.id = id;
  e.recurrence = std::string("RRULE:FREQ=WEEKLY;BYDAY=") + days[day];
  e.recurring = true;
  // Week of 2026-01-05 (a Monday), 09:00 Chicago (15:00Z in winter) plus the offset.
  e.start = at("2026-01-05T09:00:00-06:00") +
            std::chrono::hours(24) * day + std::chrono::minutes(30) * half_hour;
  e.end = *e.start + std::chrono::minutes(30) * length_half_hours;
  e.people.push_back(user);
  return e;
}

void BM_conflicts_1000_weekly_series(benchmark::State& state) {
  std::mt19937 rng(1000);
  std::vector<recur::event> events;
  for (int i = 0; i < 1000; ++i)
    events.push_back(weekly("s" + std::to_string(i), static_cast<int>(rng() % 5), static_cast<int>(rng() % 16),
                            1 + static_cast<int>(rng() % 2), "one-user"));
  const recur::zone chicago = recur::zone::load("America/Chicago").value();
  std::vector<std::string> notes;
  const auto sources = recur::busy_sources(events, chicago, recur::key_kind::person, notes);
  const recur::window year{at("2026-01-01T00:00:00Z"), at("2026-12-31T23:59:59Z")};
  std::size_t conflicts = 0;
  recur::bench::reset_peak();
  const std::uint64_t before = recur::bench::live_bytes();
  for (auto _ : state) recur::find_conflicts(sources, year, [&](const recur::conflict&) { ++conflicts; });
  state.counters["conflicts"] = static_cast<double>(conflicts) / static_cast<double>(state.iterations());
  state.counters["occurrences"] = 1000.0 * 52;
  state.counters["peak_heap_bytes"] = static_cast<double>(recur::bench::peak_bytes() - before);
}
BENCHMARK(BM_conflicts_1000_weekly_series)->Unit(benchmark::kMillisecond);

void BM_free_slots_50_users_31_days(benchmark::State& state) {
  std::mt19937 rng(50);
  std::vector<recur::event> events;
  for (int u = 0; u < 50; ++u)
    for (int k = 0; k < 8; ++k)
      events.push_back(weekly("u" + std::to_string(u) + "s" + std::to_string(k), static_cast<int>(rng() % 5),
                              static_cast<int>(rng() % 16), 1 + static_cast<int>(rng() % 3), "user" + std::to_string(u)));
  const recur::zone chicago = recur::zone::load("America/Chicago").value();
  std::vector<std::string> notes;
  const auto sources = recur::busy_sources(events, chicago, recur::key_kind::person, notes);
  const auto hours = recur::parse_working_hours("Mon-Fri 09:00-17:00", chicago).value();
  const recur::window month{at("2026-03-01T00:00:00-06:00"), at("2026-03-31T23:59:59-05:00")};
  std::size_t slots = 0;
  recur::bench::reset_peak();
  const std::uint64_t before = recur::bench::live_bytes();
  for (auto _ : state) {
    const auto schedule = recur::free_busy(sources, month, hours);
    for (const recur::key_schedule& k : schedule.value())
      slots += recur::free_slots(k.free, std::chrono::minutes(30), std::chrono::minutes(30), chicago).value().size();
  }
  state.counters["slots"] = static_cast<double>(slots) / static_cast<double>(state.iterations());
  state.counters["peak_heap_bytes"] = static_cast<double>(recur::bench::peak_bytes() - before);
}
BENCHMARK(BM_free_slots_50_users_31_days)->Unit(benchmark::kMillisecond);

// Issue 10's memory promise: a reconcile whose window grows from one to 30 years (a MINUTELY
// master, two fetched instances) streams the expected occurrences and stops at the named
// limit (reconcile_options::max_missing), so its peak heap is the same for every window.
void BM_reconcile_peak_heap_by_window_years(benchmark::State& state) {
  const std::int64_t start = recur::unix_ms(at("2026-03-01T09:00:00Z"));
  recur::event master;
  master.id = "m";
  master.recurrence = "RRULE:FREQ=MINUTELY";
  master.start = recur::from_unix_ms(start);
  master.end = recur::from_unix_ms(start + 60000);
  const std::int64_t span = state.range(0) * 365 * 86400000LL;
  std::vector<recur::event> fetched(2);
  for (int i = 0; i < 2; ++i) {
    const std::int64_t at = start + i * span;
    fetched[i].id = "m_" + std::to_string(at) + "_60";
    fetched[i].series_id = "m";
    fetched[i].start = recur::from_unix_ms(at);
    fetched[i].end = recur::from_unix_ms(at + 60000);
  }
  const std::vector<recur::event> masters = {master};
  recur::bench::reset_peak();
  const std::uint64_t before = recur::bench::live_bytes();
  for (auto _ : state) {
    const auto r = recur::reconcile(fetched, masters, recur::zone{}, recur::window{recur::from_unix_ms(start), recur::from_unix_ms(start + span + 60000)});
    if (r.ok()) state.SkipWithError("the window holds more than max_missing occurrences");
  }
  state.counters["peak_heap_bytes"] = static_cast<double>(recur::bench::peak_bytes() - before);
}
BENCHMARK(BM_reconcile_peak_heap_by_window_years)->Arg(1)->Arg(10)->Arg(30)->ArgName("years")->Unit(benchmark::kMillisecond);

}  // namespace
