/// @file
/// recur/reconcile.hpp: what the calendar API returned for a window, checked against the
/// series the events belong to.
///
/// Every fetched event lands in exactly one category, and every expected occurrence in the
/// window is accounted for. Events are matched on (master id, original occurrence start) taken
/// from the instance id, never on the raw id string:
///   matched            a valid occurrence, at its own time, with the series' length
///   missing            an expected occurrence that was not fetched (no event index)
///   unexpected         the id is not an occurrence: stale after a rule edit, excluded by EXDATE,
///                      before DTSTART, after UNTIL/COUNT, or its master's rule does not parse
///   moved              a valid occurrence whose start differs from the id's start
///   duration_mismatch  a valid occurrence whose length (or id duration) is not the series'
///   duplicate          another copy of an occurrence that an event already stands for
///   malformed          id or times unreadable (the event's `problems`)
///   orphan             its series id (or the id's master) is not among the masters
///   single             a non-recurring event, passed through
///   master             a master row (has a recurrence, no series id)
/// The result does not depend on the order of the input. Of several copies of one occurrence,
/// one stands for it by a rule on content (the best verdict: matched, duration_mismatch,
/// moved; then not cancelled; then earliest times, smallest id) and the others are
/// duplicates naming it. A master listed twice is noted; listed with differing rules or times,
/// its instances are unexpected rather than judged by whichever row came first.
/// A cancelled event is flagged (`cancelled`) wherever it lands. A valid occurrence fetched
/// from outside the window (moved into it) counts as expected too, so that
///   fetched  = sum of the exclusive categories other than missing, and
///   expected = matched + moved + duration_mismatch + missing.
///
/// Cost: each master's occurrences in the window are walked once, merged with its instances
/// sorted by original start (an instance whose id starts in the window is an occurrence when
/// the walk meets its start); only an instance whose id starts outside the window, or is off
/// the rule (for the reason), costs a point query (`validate`).
///
/// Thread safety: pure function of its inputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "recur/export.hpp"
#include "recur/event.hpp"
#include "recur/expand.hpp"
#include "recur/profile.hpp"

namespace recur {

enum class category { matched, missing, unexpected, moved, duration_mismatch, duplicate, malformed, orphan, single,
                      master };

RECUR_EXPORT const char* to_string(category c) noexcept;

struct reconcile_item {
  category what = category::matched;
  std::string id;
  std::string series_id;  ///< the master the item belongs to, when known
  std::optional<std::size_t> event_index;  ///< position among the fetched events; none for missing
  std::optional<instant> expected_start, expected_end, actual_start, actual_end;
  std::string reason;  ///< why, for everything but matched
  bool cancelled = false;
};

struct reconcile_summary {
  std::size_t fetched = 0, expected = 0, matched = 0, missing = 0, unexpected = 0, moved = 0, duration_mismatch = 0,
              duplicate = 0, malformed = 0, orphan = 0, single = 0, master = 0, cancelled = 0;
};

struct RECUR_EXPORT reconcile_report {
  reconcile_summary summary;
  std::vector<reconcile_item> items;  ///< fetched events in their order, then missing occurrences
  std::vector<std::string> notes;     ///< masters that could not be expanded, and the like
  /// True when nothing needs attention: only matched, single and master events, none missing.
  bool clean() const noexcept;
};

struct reconcile_options {
  interpretation how;  ///< how the masters' rules are read (interpretation_of(profile::rfc) by default)
  /// The most missing occurrences one call lists (they are streamed from each series, never
  /// all expanded first); more is error `limit_exceeded` naming this limit.
  std::size_t max_missing = 200'000;
};

/// `masters` are the series (events with a recurrence, start and end); `tz` is the zone their
/// rules run in, for those that name no zone of their own (`event::tz`); `w` the window the events were fetched for.
/// Adds the master rows of `rows` (a recurrence, no series id, read without problems) whose id
/// no event already in `masters` has: an earlier source wins. Every such row of `rows` is
/// added, so an id listed twice within `rows` reaches reconcile, which notes it.
RECUR_EXPORT void add_master_rows(const std::vector<event>& rows, std::vector<event>& masters);

/// From the earliest start to the latest end of the timed events of `fetched` that are not
/// masters: the window to reconcile when the caller names none. None without such an event.
RECUR_EXPORT std::optional<window> span_of(const std::vector<event>& fetched);

RECUR_EXPORT result<reconcile_report> reconcile(const std::vector<event>& fetched, const std::vector<event>& masters, const zone& tz,
                                                window w, reconcile_options options = {});

}  // namespace recur
