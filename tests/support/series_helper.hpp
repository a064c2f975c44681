// Test helper: builds a series the way the CLI does (recurrence text, ISO start, optional
// IANA zone else the start's fixed offset) and expands a window.
#pragma once

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "recur/expand.hpp"
#include "recur/iso8601.hpp"
#include "recur/validate.hpp"

namespace recur::test {

inline series make_test_series(const std::string& rule, const std::string& start, const std::optional<std::string>& tz,
                               std::int64_t duration_s = 0, gap_policy gaps = gap_policy::shift_forward,
                               bool lenient = false) {
  INFO(rule);
  const auto t = parse_iso8601(start);
  if (!t.ok()) FAIL("start: " + t.err().message);
  zone z = zone::fixed(t->offset.value_or(seconds(0)));
  if (tz) {
    auto loaded = zone::load(*tz);
    if (!loaded.ok()) FAIL("zone: " + loaded.err().message);
    z = loaded.value();
  }
  interpretation how;
  how.parse = parse_options{lenient};
  how.series.gaps = gaps;
  auto s = make_series(rule, t->in_zone(zone::fixed(t->offset.value_or(seconds(0)))), z, seconds{duration_s}, how);
  if (!s.ok()) FAIL("series: " + s.err().message);
  return s.value();
}

// The first `n` occurrences from DTSTART, as epoch ms.
inline std::vector<std::int64_t> first_n(const series& s, std::size_t n) {
  std::vector<std::int64_t> out;
  occurrence_iterator it(s);
  instant t;
  while (out.size() < n && it.next(t)) out.push_back(unix_ms(t));
  return out;
}

// Instants as epoch ms, for comparing with expected values written as numbers.
inline std::vector<std::int64_t> as_ms(const std::vector<instant>& ts) {
  std::vector<std::int64_t> out;
  out.reserve(ts.size());
  for (instant t : ts) out.push_back(unix_ms(t));
  return out;
}

// The starts (epoch ms) of expand(s, w); fails the test on an error.
inline std::vector<std::int64_t> expand_ms(const series& s, window w) {
  auto e = expand(s, w);
  if (!e) FAIL("expand: " + e.err().message);
  return as_ms(e->starts);
}

// occurrence_iterator in epoch ms, for tests whose expected values are numbers.
class ms_cursor {
 public:
  explicit ms_cursor(const series& s) : it_(s) {}
  ms_cursor(const series& s, std::int64_t earliest_ms, exdates mode = exdates::apply)
      : it_(s, from_unix_ms(earliest_ms), mode) {}
  ms_cursor(const series& s, window w) : it_(s, w) {}
  bool next(std::int64_t& ms) {
    instant t;
    if (!it_.next(t)) return false;
    ms = unix_ms(t);
    return true;
  }
  void stop_after(std::int64_t latest_ms) { it_.stop_after(from_unix_ms(latest_ms)); }
  std::uint64_t work() const noexcept { return it_.work(); }

 private:
  occurrence_iterator it_;
};

inline bool overlaps_ms(std::int64_t start_ms, const series& s, window w) {
  return overlaps(from_unix_ms(start_ms), s.duration(), w);
}

// An instance id from numbers: start in epoch ms, duration in seconds.
inline std::string id_ms(std::string_view master, std::int64_t start_ms, std::int64_t duration_s) {
  return format_instance_id(master, from_unix_ms(start_ms), seconds{duration_s});
}

inline window window_ms(std::int64_t from_ms, std::int64_t to_ms) { return window{from_unix_ms(from_ms), from_unix_ms(to_ms)}; }

}  // namespace recur::test
