// occurrences: the lazy iteration and validation API, on the engine alone.
//
// A weekly meeting in New York (Mondays and Wednesdays 09:00, 30 minutes, from 2026-03-02,
// no end): its first five occurrences from a lazy range, then a check of two instance ids a
// server might send, then the error an endless series gives when collected without an end.
#include <algorithm>
#include <chrono>
#include <iostream>

#include "recur/iso8601.hpp"
#include "recur/validate.hpp"

int main() {
  using namespace std::chrono_literals;
  const recur::zone new_york = recur::zone::load("America/New_York").value();
  const recur::instant dtstart = recur::from_unix_ms(1772460000000);  // 2026-03-02T09:00:00-05:00
  const recur::series meeting =
      recur::make_series("RRULE:FREQ=WEEKLY;BYDAY=MO,WE", dtstart, new_york, 30min).value();

  // Lazy: nothing is generated past the fifth occurrence.
  int shown = 0;
  for (recur::instant start : recur::occurrences(meeting, {dtstart, recur::instant::max()})) {
    std::cout << recur::format_iso8601(start, new_york) << '\n';
    if (++shown == 5) break;
  }

  // Standard algorithms work on the range: the first occurrence after the DST change.
  const recur::instant dst_change = recur::from_unix_ms(1772953200000);  // 2026-03-08T07:00:00Z, clocks go forward
  auto after = recur::occurrences(meeting, {dst_change, dst_change + 24h * 7});
  const auto first = std::find_if(after.begin(), after.end(), [](recur::instant) { return true; });
  if (first != after.end()) std::cout << "after DST: " << recur::format_iso8601(*first, new_york) << '\n';

  // Ids a server returned: valid, and one an hour off (the DST mistake such servers make).
  for (const char* id : {"meeting_1773666000000_1800", "meeting_1773669600000_1800"}) {
    const recur::validation v = recur::validate(meeting, "meeting", id);
    std::cout << id << ": " << (v.valid() ? "valid" : recur::to_string(v.reason)) << '\n';
  }

  // Collecting an endless series needs a window end.
  const auto all = recur::expand(meeting, recur::window{});
  if (!all) std::cout << "expand without an end: " << recur::to_string(all.err().code) << '\n';
}
