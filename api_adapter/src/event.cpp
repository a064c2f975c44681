#include "recur/api/event.hpp"

namespace recur::api {

appointment_status parse_appointment_status(const std::string& text) {
  static const struct {
    const char* name;
    appointment_status status;
  } known[] = {{"new", appointment_status::new_},         {"confirmed", appointment_status::confirmed},
               {"cancelled", appointment_status::cancelled}, {"showed", appointment_status::showed},
               {"noshow", appointment_status::noshow},     {"invalid", appointment_status::invalid},
               {"active", appointment_status::active},     {"completed", appointment_status::completed},
               {"booked", appointment_status::booked}};
  for (const auto& k : known)
    if (text == k.name) return k.status;
  return appointment_status::unknown;
}

event to_event(const calendar_event& e) {
  event out;
  out.id = e.id;
  out.series_id = e.master_event_id;
  out.recurring = e.is_recurring;
  out.recurrence = e.rrule;
  out.start = e.start;
  out.end = e.end;
  out.tz = e.tz;
  out.cancelled = e.status == appointment_status::cancelled;
  if (!e.assigned_user_id.empty()) out.people.push_back(e.assigned_user_id);
  out.people.insert(out.people.end(), e.users.begin(), e.users.end());
  if (!e.calendar_id.empty()) out.calendars.push_back(e.calendar_id);
  out.resources = e.assigned_resources;
  out.problems = e.problems;
  return out;
}

std::vector<event> to_events(const std::vector<calendar_event>& events) {
  std::vector<event> out;
  out.reserve(events.size());
  for (const calendar_event& e : events) out.push_back(to_event(e));
  return out;
}

}  // namespace recur::api
