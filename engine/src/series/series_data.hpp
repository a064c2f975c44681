// What a series is made of, for the engine's own use: the parsed recurrence with the values
// make_series derives from it. Internal: the public face is recur::series.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "recur/series.hpp"
#include "rules/count_index.hpp"
#include "rules/rule_generator.hpp"

namespace recur::detail {

// A series' COUNT index (rules/count_index.hpp), built once, on first use, thread-safely.
struct count_cache {
  std::once_flag once;
  std::optional<count_index> index;
};

struct series_data {
  recurrence rec;
  std::vector<std::string> warnings;
  zone tz;
  std::int64_t dtstart_ms = 0;
  std::int64_t duration_ms = 0;
  series_options options;

  civil_seconds dtstart_local;             // DTSTART on the series' wall clock (whole seconds)
  std::int64_t sub_second_ms = 0;          // DTSTART's milliseconds within its second
  std::optional<std::int64_t> until_ms;    // UNTIL as an instant, inclusive
  std::vector<std::int64_t> exdate_ms;     // excluded instants, sorted, unique
  std::vector<std::int64_t> exdate_days;   // VALUE=DATE exclusions as local day numbers, sorted, unique
  std::vector<std::int64_t> rdate_ms;      // added instants, sorted, unique

  // The rule compiled once for every iterator, and the COUNT index, built on first use
  // (thread-safely).
  std::shared_ptr<const rule_generator> compiled_rule;
  std::shared_ptr<detail::count_cache> count_cache;

  bool finite() const noexcept { return rec.rule.count.has_value() || rec.rule.until.has_value(); }
};

// The engine's way past series' private parts.
struct series_access {
  static const series_data& data(const series& s) noexcept { return *s.data_; }
  static series wrap(std::shared_ptr<const series_data> data) { return series(std::move(data)); }
};

inline const series_data& data_of(const series& s) noexcept { return series_access::data(s); }

// The series' COUNT index, or null when it has none (count_index.hpp says when).
const count_index* count_index_of(const series_data& s);

}  // namespace recur::detail
