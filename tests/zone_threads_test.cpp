// A zone shared by threads: the tables of its POSIX rule's ranges (a century, then to 2500)
// are each built at the first lookup past the table before, once, while other threads wait
// (recur/zone.hpp). Built also into recur_zone_threads_tsan, under ThreadSanitizer, which
// fails on any data race.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "time/posix_tz.hpp"
#include "time/tzif.hpp"
#include "recur/zone.hpp"

using namespace recur;

namespace {
// Loads `name` afresh and has `threads` threads, released together, convert instants from its
// last listed transition to 2600; returns each thread's count of answers that differ from the
// POSIX rule evaluated directly.
std::vector<int> convert_at_once(const char* name, const detail::tzif_zone& file, int threads) {
  const zone z = zone::load(name).value();  // a new zone: its rule not tabulated yet
  const std::int64_t from = *file.last_transition;
  const std::int64_t to = make_civil(civil_date{2600, 1, 1}, 0, 0, 0).value;  // as UTC seconds
  std::vector<int> mismatches(static_cast<std::size_t>(threads), 0);
  std::atomic<int> ready{0};
  std::vector<std::thread> pool;
  for (int k = 0; k < threads; ++k)
    pool.emplace_back([&, k] {
      ++ready;
      while (ready.load() < threads) std::this_thread::yield();
      zone_converter converter(z);
      for (std::int64_t t = from + k * 7919; t < to; t += 47 * 86400 + 3613) {
        const int expected = detail::posix_range_at(*file.footer, t, from).offset;
        seconds cached{};
        converter.to_local(from_unix_ms(t * 1000), &cached);
        if (z.offset_at(from_unix_ms(t * 1000)).count() != expected || cached.count() != expected)
          ++mismatches[static_cast<std::size_t>(k)];
      }
    });
  for (std::thread& t : pool) t.join();
  return mismatches;
}
}  // namespace

TEST_CASE("zone: threads converting past tzdata's list at once agree with the POSIX rule", "[zone][threads]") {
  // Threads arriving together at the first lookup past the list must each see the rule's
  // table whole. Every answer is checked against the rule itself, on many fresh zones.
  for (const char* name : {"America/New_York", "Australia/Lord_Howe", "Europe/Dublin"}) {
    INFO(name);
    const auto file = detail::read_tzif(std::string("/usr/share/zoneinfo/") + name);
    REQUIRE(file);
    REQUIRE(file->footer);
    REQUIRE(file->last_transition);
    for (int round = 0; round < 25; ++round) CHECK(convert_at_once(name, *file, 4) == std::vector<int>(4, 0));
  }
}
