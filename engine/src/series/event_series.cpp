#include "recur/event_series.hpp"

namespace recur {
namespace {

// The event's [start, end) as instants, or an error naming the event.
result<std::pair<instant, instant>> times_of(const event& e) {
  if (!e.start || !e.end)
    return make_error(error_code::bad_time, "event '" + e.id + "' has no readable start and end times");
  if (*e.end < *e.start) return make_error(error_code::bad_time, "event '" + e.id + "' ends before it starts");
  return std::make_pair(*e.start, *e.end);
}

}  // namespace

result<series> series_of(const event& master, const zone& tz, const interpretation& how) {
  if (master.recurrence.empty())
    return make_error(error_code::missing_part, "event '" + master.id + "' has no recurrence rule");
  auto times = times_of(master);
  if (!times) return times.err();
  auto s = make_series(master.recurrence, times->first, master.tz ? *master.tz : tz, times->second - times->first, how);
  if (!s) return make_error(s.err().code, "master '" + master.id + "' recurrence: " + s.err().message);
  return s;
}

result<zone> shared_zone(const std::vector<event>& events) {
  const zone* found = nullptr;
  for (const event& e : events) {
    if (!e.is_master()) continue;
    if (!e.tz) return make_error(error_code::missing_part, "master '" + e.id + "' names no zone (no timeZone)");
    if (found && !(*found == *e.tz))
      return make_error(error_code::conflict, "the masters run in several zones (" + found->name() + ", " + e.tz->name() + ")");
    found = &*e.tz;
  }
  if (!found) return make_error(error_code::missing_part, "no master names a zone");
  return *found;
}

result<std::vector<std::string>> instance_ids_of(const event& e, const zone& tz, window w, const interpretation& how,
                                                 std::size_t limit) {
  if (e.is_master()) {
    auto s = series_of(e, tz, how);
    if (!s) return s.err();
    return instance_ids(*s, e.id, w, limit);
  }
  auto times = times_of(e);
  if (!times) return times.err();
  std::vector<std::string> own;
  if (overlaps(times->first, times->second - times->first, w)) own.push_back(e.id);
  return own;
}

}  // namespace recur
