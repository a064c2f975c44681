/// @file
/// recur/event.hpp: a calendar event as the engine sees it, in neutral terms.
///
/// Three kinds of event meet in a calendar:
///   a master     carries a series' rule (`recurrence`) and is not itself an instance;
///   an instance  one occurrence of a series stored as its own row (moved, cancelled, or simply
///                listed), naming its series (`series_id`); its id is
///                seriesId_startMillis_durationSeconds;
///   a single     neither: one occurrence, whose id is its own.
///
/// Nothing here knows a wire format. The HighLevel calendar API's events, with every field it
/// sends, are `recur::api::calendar_event` (recur/api/event.hpp), which maps onto this type;
/// another source maps its own fields the same way.
///
/// Times that did not read are missing (`start`, `end` unset) and say why in `problems`, so an
/// event is never dropped silently: reconcile classes it `malformed`.
///
/// Thread safety: a plain value.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "recur/instant.hpp"
#include "recur/zone.hpp"

namespace recur {

struct event {
  std::string id;                   ///< the event's id; an instance's is seriesId_startMillis_durationSeconds
  std::string series_id;            ///< on an instance: its series' (master's) id; empty otherwise
  std::optional<bool> recurring;    ///< whether the source marks it part of a series; unset when it does not say
  std::string recurrence;           ///< on a master: the rule text (RRULE, EXDATE and RDATE parts)
  std::optional<instant> start, end;
  /// The zone the event's rule runs in when its source names one (an iCalendar TZID, the
  /// `timeZone` field of recur's event JSON). It wins over the zone a caller passes for the
  /// events that name none (series_of, reconcile, busy_sources).
  std::optional<zone> tz;
  bool cancelled = false;           ///< a cancelled event or occurrence: it occupies nobody
  /// Who and what the event occupies, for conflicts and free time (recur/schedule.hpp).
  std::vector<std::string> people, calendars, resources;
  std::vector<std::string> problems;  ///< "events[3].startTime: ..." for fields that did not read

  /// A master row: carries the rule itself and is not an instance.
  bool is_master() const { return !recurrence.empty() && series_id.empty(); }
};

}  // namespace recur
