// import_calendar: the file's structure (content_lines), libical's parse, then each VEVENT
// (import_event.cpp), then ids: masters and singles from their UID, instance rows from their
// master's id, original start and duration.
#include <cctype>
#include <cstdint>
#include <cstdio>

#include "import_detail.hpp"
#include "recur/instance_id.hpp"

namespace recur::ics {
namespace detail {

std::optional<zone> zone_resolver::find(const std::string& tzid) const {
  for (const auto& [alias, name] : options_.zone_aliases)
    if (alias == tzid) {
      auto z = zone::load(name);
      return z ? std::optional<zone>(z.value()) : std::nullopt;
    }
  if (auto z = zone::load(tzid)) return z.value();
  if (const std::string_view windows = iana_zone_of_windows_name(tzid); !windows.empty())
    if (auto z = zone::load(windows)) return z.value();
  // "/mozilla.org/20050126_1/America/New_York", "/freeassociation.sourceforge.net/Europe/London"
  // (zone names are short: a long TZID is not searched, so hostile text costs nothing).
  if (tzid.size() <= 256)
    for (std::size_t slash = tzid.find('/'); slash != std::string::npos; slash = tzid.find('/', slash + 1))
      if (auto z = zone::load(tzid.substr(slash + 1))) return z.value();
  if (const auto location = locations_.find(tzid); location != locations_.end())
    if (auto z = zone::load(location->second)) return z.value();
  return std::nullopt;
}

result<zone> zone_resolver::resolve(const std::string& tzid) {
  if (const auto known = known_.find(tzid); known != known_.end()) return known->second;
  const std::optional<zone> found = find(tzid);
  if (!found)
    return make_error(error_code::unknown_zone,
                      "TZID '" + tzid + "' names no zone recur knows (not IANA, not a Windows name, no X-LIC-LOCATION); "
                      "recur does not expand through a VTIMEZONE's own rules: map it (--zone-alias '" + tzid + "=Area/City')");
  known_.emplace(tzid, *found);
  return *found;
}

}  // namespace detail

namespace {

using detail::at_line;
using detail::component_ptr;
using detail::content_lines;

std::vector<icalcomponent*> children(icalcomponent* parent, icalcomponent_kind kind) {
  std::vector<icalcomponent*> out;
  for (icalcomponent* c = icalcomponent_get_first_component(parent, kind); c;
       c = icalcomponent_get_next_component(parent, kind))
    out.push_back(c);
  return out;
}

std::vector<icalcomponent*> calendars(icalcomponent* root) {
  if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) return {root};
  return children(root, ICAL_VCALENDAR_COMPONENT);
}

std::string x_property(icalcomponent* c, const char* name) {
  for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY))
    if (const char* n = icalproperty_get_x_name(p); n && std::string(n) == name) {
      const char* v = icalproperty_get_x(p);
      return v ? v : "";
    }
  return "";
}

// libical's first complaint (an X-LIC-ERROR it put in place of a bad property), with the line
// of the property it names ("... in DTSTART property ...").
std::optional<error> first_libical_error(icalcomponent* c, const content_lines& lines) {
  if (icalproperty* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY)) {
    const std::string message = icalproperty_get_xlicerror(p) ? icalproperty_get_xlicerror(p) : "unreadable property";
    // The property it names, preferring the line whose value the message ends with.
    std::size_t line = 0;
    for (const detail::content_line& l : lines.lines) {
      if (message.find(" in " + l.name + " property") == std::string::npos) continue;
      const bool same_value = message.size() >= l.value.size() && message.compare(message.size() - l.value.size(), l.value.size(), l.value) == 0;
      if (!line || same_value) line = l.number;
      if (same_value) break;
    }
    return error{error_code::bad_value, line ? at_line(line, message) : message};
  }
  for (icalcomponent* child = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); child;
       child = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
    if (auto e = first_libical_error(child, lines)) return e;
  return std::nullopt;
}

std::map<std::string, std::string> vtimezone_locations(const std::vector<icalcomponent*>& cals) {
  std::map<std::string, std::string> out;
  for (icalcomponent* cal : cals)
    for (icalcomponent* tz : children(cal, ICAL_VTIMEZONE_COMPONENT)) {
      icalproperty* tzid = icalcomponent_get_first_property(tz, ICAL_TZID_PROPERTY);
      const std::string location = x_property(tz, "X-LIC-LOCATION");
      if (tzid && icalproperty_get_tzid(tzid) && !location.empty()) out.emplace(icalproperty_get_tzid(tzid), location);
    }
  return out;
}

bool plain_id(std::string_view uid) {
  if (uid.empty() || uid.size() > 128) return false;
  for (char c : uid)
    if (!std::isalnum(static_cast<unsigned char>(c)) && std::string_view("@._+=-").find(c) == std::string_view::npos)
      return false;
  return true;
}

}  // namespace

std::string master_id_of_uid(std::string_view uid) {
  if (plain_id(uid)) return std::string(uid);
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a, 64 bits
  for (unsigned char c : uid) hash = (hash ^ c) * 1099511628211ull;
  char text[24];
  std::snprintf(text, sizeof text, "ics-%016llx", static_cast<unsigned long long>(hash));
  return text;
}

namespace {

// X-WR-TIMEZONE of the first calendar that has one, else the caller's default.
result<std::optional<zone>> calendar_zone(const std::vector<icalcomponent*>& cals, detail::zone_resolver& zones,
                                          const import_options& options) {
  for (icalcomponent* cal : cals)
    if (const std::string name = x_property(cal, "X-WR-TIMEZONE"); !name.empty()) {
      auto z = zones.resolve(name);
      if (!z) return make_error(z.err().code, "X-WR-TIMEZONE: " + z.err().message);
      return std::optional<zone>(z.value());
    }
  return options.default_zone;
}

struct series_key {
  std::string id;
  seconds duration{0};
  std::size_t line = 0;
};

// Masters and singles take their UID's id; a UID twice without RECURRENCE-ID is an error.
result<std::map<std::string, series_key>> assign_master_ids(std::vector<detail::vevent_row>& rows) {
  std::map<std::string, series_key> by_uid;
  for (detail::vevent_row& r : rows) {
    if (r.original_start) continue;
    r.event.id = master_id_of_uid(r.uid);
    const seconds duration = std::chrono::duration_cast<seconds>(*r.event.end - *r.event.start);
    const auto [it, added] = by_uid.emplace(r.uid, series_key{r.event.id, duration, r.line});
    if (!added)
      return make_error(error_code::conflict, at_line(r.line, "a second VEVENT with UID '" + r.uid +
                                                                   "' and no RECURRENCE-ID (the first is on line " +
                                                                   std::to_string(it->second.line) + ")"));
  }
  return by_uid;
}

// Instance rows: the id of the occurrence they replace, with the master's duration.
void assign_instance_ids(std::vector<detail::vevent_row>& rows, const std::map<std::string, series_key>& by_uid,
                         std::vector<std::string>& warnings) {
  for (detail::vevent_row& r : rows) {
    if (!r.original_start) continue;
    const auto master = by_uid.find(r.uid);
    series_key key{master_id_of_uid(r.uid), std::chrono::duration_cast<seconds>(*r.event.end - *r.event.start), r.line};
    if (master != by_uid.end()) key = master->second;
    else
      warnings.push_back(at_line(r.line, "RECURRENCE-ID of UID '" + r.uid +
                                             "', whose master is not in the file: the instance's own duration is used in its id"));
    r.event.master_event_id = key.id;
    r.event.id = format_instance_id(key.id, *r.original_start, key.duration);
  }
}

}  // namespace

result<imported> import_calendar(std::string_view ics_text, const import_options& options) {
  if (ics_text.size() > options.max_text_bytes)
    return make_error(error_code::limit_exceeded, "the iCalendar text is " + std::to_string(ics_text.size()) +
                                                      " bytes, over the limit of " + std::to_string(options.max_text_bytes) +
                                                      " (import_options::max_text_bytes)");
  auto lines = detail::scan_content_lines(ics_text);
  if (!lines) return lines.err();
  const std::string text(ics_text);  // libical wants a NUL-terminated string
  const component_ptr root(icalparser_parse_string(text.c_str()));
  if (!root) return make_error(error_code::syntax, "libical could not read the text as iCalendar");
  if (auto e = first_libical_error(root.get(), *lines)) return *e;
  const std::vector<icalcomponent*> cals = calendars(root.get());
  if (cals.empty()) return make_error(error_code::missing_part, "the text has no VCALENDAR");
  detail::zone_resolver zones(options, vtimezone_locations(cals));
  auto default_zone = calendar_zone(cals, zones, options);
  if (!default_zone) return default_zone.err();
  imported out;
  std::vector<detail::vevent_row> rows;
  std::size_t index = 0;
  auto utc = zone::load("UTC");
  if (!utc) return utc.err();
  for (icalcomponent* cal : cals)
    for (icalcomponent* ev : children(cal, ICAL_VEVENT_COMPONENT)) {
      detail::vevent_context context{*lines, ++index, zones, *default_zone, utc.value(), out.warnings};
      auto row = detail::read_vevent(ev, context);
      if (!row) return row.err();
      rows.push_back(std::move(row.value()));
    }
  auto by_uid = assign_master_ids(rows);
  if (!by_uid) return by_uid.err();
  assign_instance_ids(rows, *by_uid, out.warnings);
  out.events.reserve(rows.size());
  for (detail::vevent_row& r : rows) out.events.push_back(std::move(r.event));
  return out;
}

}  // namespace recur::ics
