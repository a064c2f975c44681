// Private: the API's fields iCalendar has no property for, carried as X-RECUR-* properties so
// that export then import loses nothing (other programs ignore X- properties, RFC 5545 3.8.8.2).
#pragma once

#include <string>
#include <vector>

#include "recur/api/event.hpp"

namespace recur::ics::detail {

struct x_text_field {
  const char* name;
  std::string api::calendar_event::*member;
};

inline constexpr x_text_field x_text_fields[] = {
    {"X-RECUR-CALENDAR-ID", &api::calendar_event::calendar_id},
    {"X-RECUR-LOCATION-ID", &api::calendar_event::location_id},
    {"X-RECUR-CONTACT-ID", &api::calendar_event::contact_id},
    {"X-RECUR-GROUP-ID", &api::calendar_event::group_id},
    {"X-RECUR-ASSIGNED-USER-ID", &api::calendar_event::assigned_user_id},
    {"X-RECUR-APPOINTMENT-STATUS", &api::calendar_event::appointment_status_text},
    {"X-RECUR-DATE-ADDED", &api::calendar_event::date_added},
    {"X-RECUR-DATE-UPDATED", &api::calendar_event::date_updated},
};

struct x_list_field {
  const char* name;  // one property per item
  std::vector<std::string> api::calendar_event::*member;
};

inline constexpr x_list_field x_list_fields[] = {
    {"X-RECUR-USER", &api::calendar_event::users},
    {"X-RECUR-RESOURCE", &api::calendar_event::assigned_resources},
};

}  // namespace recur::ics::detail
