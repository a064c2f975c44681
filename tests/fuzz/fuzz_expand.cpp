// libFuzzer harness: parse + expand over a bounded window. The input chooses the zone, the
// start (years 1..9999), the window and the duration; the rest is the rule text. Checks that
// the result is ascending, inside the window, and no longer than the limit; and that the rule
// generator's fast paths (period shapes, years passed as known to be empty) give exactly what
// its general path gives up to the window's end.
#include <cstdlib>

#include "fuzz_input.hpp"
#include "recur/expand.hpp"
#include "rules/rule_generator.hpp"

namespace {

// The first instances of the rule from DTSTART's wall time, with period shapes and without,
// up to the window's end as the horizon (which also bounds the general path's work).
void compare_with_general_path(const recur::series& s, recur::instant window_end) {
  const recur::rrule& rule = s.definition().rule;
  if (rule.freq == recur::frequency::hourly || rule.freq == recur::frequency::minutely ||
      rule.freq == recur::frequency::secondly)
    return;  // no period shapes below DAILY
  const recur::civil_seconds dtstart = s.tz().to_local(s.dtstart());
  const recur::civil_seconds horizon = s.tz().to_local(window_end);
  recur::detail::rule_generator shaped(rule, dtstart, s.options().reading), general(rule, dtstart, s.options().reading);
  general.set_period_shapes(false);
  shaped.set_horizon(horizon);
  general.set_horizon(horizon);
  recur::civil_seconds a, b;
  for (int i = 0; i < 64; ++i) {
    const bool more = shaped.next(a);
    if (more != general.next(b) || (more && a != b)) std::abort();
    if (!more) return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  recur::fuzz::input in(data, size);
  const std::uint8_t zone_index = in.take<std::uint8_t>();
  const std::uint64_t start_raw = in.take<std::uint64_t>();
  const std::uint16_t offset_days = in.take<std::uint16_t>();
  const std::uint16_t span_days = in.take<std::uint16_t>();
  const std::uint16_t duration_min = in.take<std::uint16_t>();
  const std::int16_t fixed_offset_min = in.take<std::int16_t>();
  auto text = recur::parse_recurrence(in.rest(), recur::parse_options(true));
  if (!text) return 0;
  recur::zone z = recur::zone::fixed(recur::seconds((fixed_offset_min % (26 * 60)) * 60));
  if (*recur::fuzz::zone_name(zone_index)) z = recur::fuzz::cached_zone(zone_index);
  constexpr std::int64_t first_ms = -62135596800000, last_ms = 253402300799000;
  const std::int64_t start = first_ms + static_cast<std::int64_t>(start_raw % static_cast<std::uint64_t>(last_ms - first_ms));
  auto s = recur::make_series(std::move(text.value().value), recur::from_unix_ms(start - start % 1000), z,
                              std::chrono::minutes(duration_min));
  if (!s) return 0;
  const std::int64_t from = start + std::int64_t{offset_days % 20000} * 86400000 - 86400000;
  const recur::window w{recur::from_unix_ms(from), recur::from_unix_ms(from + std::int64_t{span_days % 800} * 86400000)};
  const auto e = recur::expand(*s, w, 2000);
  if (!e) std::abort();  // the window has an end
  for (std::size_t i = 0; i < e->starts.size(); ++i) {
    if (i && e->starts[i] <= e->starts[i - 1]) std::abort();
    if (!recur::overlaps(e->starts[i], s->duration(), w)) std::abort();
  }
  if (e->starts.size() > 2000) std::abort();
  compare_with_general_path(*s, w.to);
  return 0;
}
