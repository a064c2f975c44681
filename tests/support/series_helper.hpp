// Test helper: builds a series the way the CLI does (recurrence text, ISO start, optional
// IANA zone else the start's fixed offset) and expands a window.
#pragma once

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "recur/expand.hpp"
#include "recur/iso8601.hpp"

namespace recur::test {

inline series make_test_series(const std::string& rule, const std::string& start, const std::optional<std::string>& tz,
                               std::int64_t duration_s = 0, gap_policy gaps = gap_policy::shift_forward,
                               bool lenient = false) {
  const auto parsed = parse_recurrence(rule, parse_options{lenient});
  INFO(rule);
  if (!parsed.ok()) FAIL("recurrence: " + parsed.err().message);
  const auto t = parse_iso8601(start);
  if (!t.ok()) FAIL("start: " + t.err().message);
  zone z = zone::fixed(t.value().offset_seconds.value_or(0));
  if (tz) {
    auto loaded = zone::load(*tz);
    if (!loaded.ok()) FAIL("zone: " + loaded.err().message);
    z = loaded.value();
  }
  series_options options;
  options.gaps = gaps;
  auto s = make_series(parsed.value().value, t.value().instant_ms(), z, duration_s * 1000, options);
  if (!s.ok()) FAIL("series: " + s.err().message);
  return s.value();
}

// The first `n` occurrences from DTSTART.
inline std::vector<std::int64_t> first_n(const series& s, std::size_t n) {
  std::vector<std::int64_t> out;
  occurrence_iterator it(s);
  std::int64_t ms = 0;
  while (out.size() < n && it.next(ms)) out.push_back(ms);
  return out;
}

}  // namespace recur::test
