#include "recur/event.hpp"

namespace recur {

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

}  // namespace recur
