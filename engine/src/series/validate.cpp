#include "recur/validate.hpp"

#include <algorithm>
#include <limits>

#include "recur/expand.hpp"
#include "recur/iso8601.hpp"
#include "series/series_data.hpp"
#include "time/zone_seconds.hpp"

namespace recur {
namespace {

// An instant as the series' wall clock shows it, for messages.
std::string describe(const detail::series_data& s, std::int64_t ms) { return format_iso8601(from_unix_ms(ms), s.tz); }

validation invalid(invalid_reason r, std::string message) { return validation{r, std::move(message)}; }

// Whether an EXDATE removes the occurrence starting at start_ms (an exact instant, or a
// VALUE=DATE naming its local date).
bool excluded(const detail::series_data& s, std::int64_t start_ms) {
  if (std::binary_search(s.exdate_ms.begin(), s.exdate_ms.end(), start_ms)) return true;
  if (s.exdate_days.empty()) return false;
  const std::int64_t utc_s = floor_div(start_ms, 1000);
  const std::int64_t local_day = floor_div(utc_s + detail::zone_seconds::range_at(s.tz, utc_s).offset, seconds_per_day);
  return std::binary_search(s.exdate_days.begin(), s.exdate_days.end(), local_day);
}

}  // namespace

const char* to_string(invalid_reason r) noexcept {
  switch (r) {
    case invalid_reason::none: return "valid";
    case invalid_reason::malformed_id: return "malformed_id";
    case invalid_reason::wrong_master: return "wrong_master";
    case invalid_reason::before_start: return "before_start";
    case invalid_reason::after_end: return "after_end";
    case invalid_reason::not_on_rule: return "not_on_rule";
    case invalid_reason::excluded: return "excluded";
    case invalid_reason::duration_differs: return "duration_differs";
  }
  return "unknown";
}

bool contains(const series& s, instant start, exdates mode) {
  occurrence_iterator it(s, start, mode);
  it.stop_after(start);
  instant t;
  while (it.next(t))
    if (t >= start) return t == start;
  return false;
}

validation validate(const series& s, std::string_view master_id, std::string_view id) {
  auto parsed = parse_instance_id(id);
  if (!parsed) return invalid(invalid_reason::malformed_id, parsed.err().message);
  return validate(s, master_id, *parsed);
}

namespace {

// Why no occurrence of the series starts at `start`: `next` is the first one after it, when
// the series goes on.
validation not_an_occurrence(const detail::series_data& s, std::int64_t start, const std::int64_t* next) {
  if (s.until_ms && start > *s.until_ms)
    return invalid(invalid_reason::after_end,
                   "starts " + describe(s, start) + ", after the series' UNTIL " + describe(s, *s.until_ms));
  if (!next && s.rec.rule.count)
    return invalid(invalid_reason::after_end, "starts " + describe(s, start) + ", after the series' last (COUNT=" +
                                                  std::to_string(*s.rec.rule.count) + ") occurrence");
  std::string message = "the series has no occurrence starting " + describe(s, start);
  if (next) message += " (the next one starts " + describe(s, *next) + ")";
  return invalid(invalid_reason::not_on_rule, std::move(message));
}

}  // namespace

validation validate(const series& ser, std::string_view master_id, const instance_id& id) {
  const detail::series_data& s = detail::data_of(ser);
  const std::int64_t start = unix_ms(id.start);
  if (id.master != master_id)
    return invalid(invalid_reason::wrong_master,
                   "the id names master '" + id.master + "', not '" + std::string(master_id) + "'");
  if (start < s.dtstart_ms)
    return invalid(invalid_reason::before_start, "starts " + describe(s, start) +
                                                     ", before the series' first occurrence " +
                                                     describe(s, s.dtstart_ms));
  occurrence_iterator it(ser, id.start, exdates::ignore);
  if (!s.rec.rule.count) it.stop_after(id.start);  // with COUNT, the end of the series tells after_end
  instant t;
  bool more = false;
  while ((more = it.next(t)) && t < id.start) {
  }
  if (!more || t != id.start) {
    const std::int64_t next = unix_ms(t);
    return not_an_occurrence(s, start, more ? &next : nullptr);
  }
  if (excluded(s, start))
    return invalid(invalid_reason::excluded, "the occurrence " + describe(s, start) + " is removed by EXDATE");
  constexpr std::int64_t longest_s = std::numeric_limits<std::int64_t>::max() / 1000;  // beyond: no ms count
  if (id.duration.count() > longest_s || id.duration != ser.duration())
    return invalid(invalid_reason::duration_differs, "the id's duration " + std::to_string(id.duration.count()) +
                                                         " s differs from the series' " +
                                                         std::to_string(s.duration_ms / 1000) + " s");
  return validation{};
}

}  // namespace recur
