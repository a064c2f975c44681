/// @file
/// recur/event_series.hpp: from a calendar event to its series and its instance ids, in one call.
///
/// An event (recur/event.hpp; recur/api/event.hpp maps the calendar API's events onto it) is
/// one of three rows:
///   a master     has a `recurrence` and no `series_id`: the series is its rule from its start,
///                each occurrence lasting end - start;
///   an instance  has a `series_id` (or is marked recurring): one occurrence, already with its
///                instance id;
///   a single     neither: one occurrence, whose id is the event's own.
///
///     auto ids = recur::instance_ids_of(event, tz, {from, to});   // any of the three
///
/// Thread safety: pure functions of their inputs.
#pragma once

#include <string>
#include <vector>

#include "recur/export.hpp"
#include "recur/event.hpp"
#include "recur/expand.hpp"
#include "recur/series.hpp"

namespace recur {

/// The series of a master event in its own zone (`master.tz`) when it names one, else in `tz`
/// (the zone its rule runs in: the calendar's or the location's). Errors name the event: bad_time when its start or end did not read or it ends
/// before it starts; missing_part when it has no recurrence; then those of make_series.
RECUR_EXPORT result<series> series_of(const event& master, const zone& tz, const interpretation& how = {});

/// The zone the masters among `events` share (`event::tz`), for a caller given no zone of its
/// own: error missing_part naming the first master that names none (or saying there is no
/// master), conflict naming two zones that differ.
RECUR_EXPORT result<zone> shared_zone(const std::vector<event>& events);

/// The ids of an event's occurrences that overlap `w`, ascending: a master's instance ids (as
/// instance_ids, recur/expand.hpp), or an instance's or single event's own id when it overlaps
/// `w` (none otherwise). Errors: those of series_of for a master; bad_time when an instance or
/// single event has no readable startTime/endTime.
RECUR_EXPORT result<std::vector<std::string>> instance_ids_of(const event& e, const zone& tz, window w,
                                                              const interpretation& how = {},
                                                              std::size_t limit = default_max_occurrences);

}  // namespace recur
