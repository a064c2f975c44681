#include "recur/validate.hpp"

#include <algorithm>

#include "recur/expand.hpp"
#include "recur/iso8601.hpp"

namespace recur {
namespace {

// An instant as the series' wall clock shows it, for messages.
std::string describe(const series& s, std::int64_t ms) { return format_iso8601(ms, s.tz); }

validation invalid(invalid_reason r, std::string message) { return validation{r, std::move(message)}; }

// Whether an EXDATE removes the occurrence starting at start_ms (an exact instant, or a
// VALUE=DATE naming its local date).
bool excluded(const series& s, std::int64_t start_ms) {
  if (std::binary_search(s.exdate_ms.begin(), s.exdate_ms.end(), start_ms)) return true;
  if (s.exdate_days.empty()) return false;
  const std::int64_t seconds = floor_div(start_ms, 1000);
  const std::int64_t local_day = floor_div(seconds + s.tz.range_at(seconds).offset, seconds_per_day);
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

bool has_occurrence(const series& s, std::int64_t start_ms, bool apply_exdates) {
  occurrence_iterator it(s, start_ms, apply_exdates ? exdates::apply : exdates::ignore);
  it.stop_after(start_ms);
  std::int64_t t = 0;
  while (it.next(t))
    if (t >= start_ms) return t == start_ms;
  return false;
}

validation validate(const series& s, std::string_view master_id, std::string_view id) {
  auto parsed = parse_instance_id(id);
  if (!parsed) return invalid(invalid_reason::malformed_id, parsed.err().message);
  return validate(s, master_id, parsed.value());
}

validation validate(const series& s, std::string_view master_id, const instance_id& id) {
  if (id.master != master_id)
    return invalid(invalid_reason::wrong_master,
                   "the id names master '" + id.master + "', not '" + std::string(master_id) + "'");
  if (id.start_ms < s.dtstart_ms)
    return invalid(invalid_reason::before_start, "starts " + describe(s, id.start_ms) +
                                                     ", before the series' first occurrence " +
                                                     describe(s, s.dtstart_ms));
  occurrence_iterator it(s, id.start_ms, exdates::ignore);
  if (!s.rec.rule.count) it.stop_after(id.start_ms);  // with COUNT, the end of the series tells after_end
  std::int64_t t = 0;
  bool more = false;
  while ((more = it.next(t)) && t < id.start_ms) {
  }
  if (!more || t != id.start_ms) {
    if (s.until_ms && id.start_ms > *s.until_ms)
      return invalid(invalid_reason::after_end,
                     "starts " + describe(s, id.start_ms) + ", after the series' UNTIL " + describe(s, *s.until_ms));
    if (!more && s.rec.rule.count)
      return invalid(invalid_reason::after_end, "starts " + describe(s, id.start_ms) + ", after the series' last (COUNT=" +
                                                    std::to_string(*s.rec.rule.count) + ") occurrence");
    std::string message = "the series has no occurrence starting " + describe(s, id.start_ms);
    if (more) message += " (the next one starts " + describe(s, t) + ")";
    return invalid(invalid_reason::not_on_rule, std::move(message));
  }
  if (excluded(s, id.start_ms))
    return invalid(invalid_reason::excluded, "the occurrence " + describe(s, id.start_ms) + " is removed by EXDATE");
  if (id.duration_s > INT64_MAX / 1000 || id.duration_s * 1000 != s.duration_ms)
    return invalid(invalid_reason::duration_differs, "the id's duration " + std::to_string(id.duration_s) +
                                                         " s differs from the series' " +
                                                         std::to_string(s.duration_ms / 1000) + " s");
  return validation{};
}

}  // namespace recur
