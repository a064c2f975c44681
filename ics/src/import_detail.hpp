// Private: the pieces of import_calendar (import.cpp reads the calendar, import_event.cpp
// one VEVENT).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <libical/ical.h>

#include "content_lines.hpp"
#include "recur/ics.hpp"

namespace recur::ics::detail {

struct component_deleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using component_ptr = std::unique_ptr<icalcomponent, component_deleter>;

// TZID -> zone, in the order recur/ics.hpp documents; each TZID looked up once per import.
class zone_resolver {
 public:
  zone_resolver(const import_options& options, std::map<std::string, std::string> vtimezone_locations)
      : options_(options), locations_(std::move(vtimezone_locations)) {}
  // Errors name the TZID; the caller adds the line.
  result<zone> resolve(const std::string& tzid);

 private:
  std::optional<zone> find(const std::string& tzid) const;
  const import_options& options_;
  std::map<std::string, std::string> locations_;  // VTIMEZONE TZID -> X-LIC-LOCATION
  std::map<std::string, zone> known_;
};

struct vevent_context {
  const content_lines& lines;
  std::size_t index = 0;  // 1-based, the VEVENT's place in the file
  zone_resolver& zones;
  std::optional<zone> calendar_zone;  // X-WR-TIMEZONE, else import_options::default_zone
  zone utc;                           // "UTC" by name (timeZone must name a zone that loads)
  std::vector<std::string>& warnings;
};

// One VEVENT read: the event (id not yet set), its UID and, for an instance row, the start of
// the occurrence it replaces.
struct vevent_row {
  api::calendar_event event;
  std::string uid;
  std::optional<instant> original_start;
  std::size_t line = 0;  // of its BEGIN:VEVENT
};

result<vevent_row> read_vevent(icalcomponent* vevent, vevent_context& context);

}  // namespace recur::ics::detail
