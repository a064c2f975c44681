/// @file
/// recur/schedule.hpp: conflicts and free/busy time across many recurring series.
///
/// A `busy_source` is one series (a master event's rule, expanded in a zone) or one single
/// event, with the key values it occupies: its people, its calendars or its resources
/// (recur/event.hpp), as the caller chooses. All functions merge the sources' occurrence
/// streams in time order (a sweep with a small heap), so memory grows with the number of
/// sources and of simultaneously running occurrences, never with the number of occurrences.
///
/// Two occurrences conflict when they share a key value and their intervals [start, end)
/// overlap: back-to-back occurrences (one ends when the other starts) and zero-length ones do
/// not. Cancelled occurrences (`event::cancelled` on the instance row or the event) and
/// EXDATEs do not conflict.
///
/// Thread safety: pure functions of their inputs.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recur/export.hpp"
#include "recur/event.hpp"
#include "recur/expand.hpp"
#include "recur/profile.hpp"

namespace recur {

enum class key_kind { person, calendar, resource };

/// The key values an event occupies: its `people`, `calendars` or `resources`. Sorted, without
/// duplicates or empty values.
RECUR_EXPORT std::vector<std::string> keys_of(const event& e, key_kind by);

struct busy_source {
  std::string id;                        ///< master id (its occurrences get instance ids), or the event id
  std::optional<series> recurring;       ///< set for a master
  instant start{}, end{};  ///< a single event
  std::vector<std::string> keys;
  std::vector<instant> cancelled_starts;  ///< occurrences cancelled by status, sorted
};

/// Masters (events with a recurrence) become series in their own zone (`event::tz`), else in `tz`; single events are kept; instance
/// rows (with a series_id) mark cancelled occurrences and are otherwise covered by their series.
/// Cancelled single events are left out. What cannot be used is said in `notes`.
RECUR_EXPORT std::vector<busy_source> busy_sources(const std::vector<event>& events, const zone& tz, key_kind by,
                                                   std::vector<std::string>& notes, const interpretation& how = {});

struct conflict {
  std::string a, b;  ///< instance ids (or event ids); a starts no later than b
  std::string key;   ///< the shared key value
  instant overlap_start{}, overlap_end{};  ///< clipped to the window
};

/// Calls `found` for each conflict, ordered by the start of `b`.
RECUR_EXPORT void find_conflicts(const std::vector<busy_source>& sources, window w, const std::function<void(const conflict&)>& found);
RECUR_EXPORT std::vector<conflict> conflicts(const std::vector<busy_source>& sources, window w);
/// The conflicts a proposed series (or event) would create with the existing ones.
RECUR_EXPORT std::vector<conflict> would_conflict(const busy_source& candidate, const std::vector<busy_source>& existing, window w);

struct interval {
  instant start{}, end{};
  friend bool operator==(interval a, interval b) { return a.start == b.start && a.end == b.end; }
};

/// Working hours per weekday (0 = Monday), as minute-of-day ranges, in a zone.
struct working_hours {
  zone tz;
  std::array<std::vector<std::pair<int, int>>, 7> minutes;
};

/// "Mon-Fri 09:00-17:00", "Mon,Wed 08:30-12:00; Sat 10:00-14:00". Errors name the bad piece.
RECUR_EXPORT result<working_hours> parse_working_hours(std::string_view text, const zone& tz);

struct key_schedule {
  std::string key;
  std::vector<interval> busy;  ///< merged, clipped to the window
  std::vector<interval> free;  ///< the window minus busy, within working hours when given
};

/// Bounds on what free_busy and free_slots build (documented limits; exceeding one is error
/// `limit_exceeded` naming it). Occurrences are streamed, so memory follows these, not the
/// window.
struct schedule_limits {
  std::size_t max_intervals = 200'000;  ///< busy intervals of one key, and working-hour intervals
  std::size_t max_slots = 200'000;      ///< bookable slots of one free_slots call
  std::size_t max_occurrences = 20'000'000;  ///< occurrences one free_busy call sweeps (a time bound)
};

/// Per key value that occurs among the sources (or only `only_key` when given).
RECUR_EXPORT result<std::vector<key_schedule>> free_busy(const std::vector<busy_source>& sources, window w,
                                                         const std::optional<working_hours>& hours = std::nullopt,
                                                         const std::optional<std::string>& only_key = std::nullopt,
                                                         schedule_limits limits = {});

/// Bookable slot starts: every instant on the `step` grid of the local day (in `tz`) whose
/// slot [start, start + duration) lies inside one free interval.
RECUR_EXPORT result<std::vector<instant>> free_slots(const std::vector<interval>& free, milliseconds duration,
                                                     milliseconds step, const zone& tz,
                                                     std::size_t max_slots = schedule_limits{}.max_slots);

}  // namespace recur
