// export_calendar: API events as one VCALENDAR built with libical (which folds and escapes),
// with a VTIMEZONE per zone generated from tzdata (vtimezone.cpp).
#include <cstdlib>
#include <map>

#include <libical/ical.h>

#include "import_detail.hpp"
#include "x_fields.hpp"
#include "recur/instance_id.hpp"
#include "recur/recurrence.hpp"
#include "recur/rrule.hpp"

namespace recur::ics {
namespace {

using detail::component_ptr;

std::string utc_text(instant t) { return format_ical_date_time(civil_seconds{floor_div(unix_ms(t), 1000)}, true); }

std::string zoned_text(const zone& z, instant t) { return "TZID=" + z.name() + ":" + format_ical_date_time(z.to_local(t), false); }

error event_error(const api::calendar_event& e, std::size_t index, const std::string& message) {
  return {error_code::bad_value, "events[" + std::to_string(index) + "] ('" + e.id + "'): " + message};
}

// A content line libical reads back into a property; recur writes only lines it can read.
result<icalproperty*> property(const std::string& line) {
  icalproperty* p = icalproperty_new_from_string(line.c_str());
  if (!p) return make_error(error_code::bad_value, "libical cannot read the line '" + line + "'");
  return p;
}

// The rule with UNTIL in UTC (RFC 5545 3.3.10 asks for it with a zoned DTSTART) and EXDATE and
// RDATE values in UTC, in the zone's wall clock, or as dates.
result<std::vector<std::string>> rule_lines(recurrence r, const zone& z) {
  if (r.rule.until && r.rule.until->form != until_value::kind::utc) {
    const bool date = r.rule.until->form == until_value::kind::date;
    const civil_seconds local{r.rule.until->time.value + (date ? seconds_per_day : 0)};
    const std::int64_t utc = floor_div(unix_ms(z.resolve(local)), 1000) - (date ? 1 : 0);
    r.rule.until = until_value{until_value::kind::utc, civil_seconds{utc}};
  }
  std::vector<std::string> out{"RRULE:" + to_string(r.rule)};
  for (auto [values, name] : {std::pair{&r.exdates, "EXDATE"}, std::pair{&r.rdates, "RDATE"}})
    for (const date_value& v : *values) {
      if (v.form == date_value::kind::date) out.push_back(std::string(name) + ";VALUE=DATE:" + format_ical_date(split(v.time).date));
      else if (v.form == date_value::kind::utc) out.push_back(std::string(name) + ":" + format_ical_date_time(v.time, true));
      else if (v.form == date_value::kind::floating) out.push_back(std::string(name) + ";" + zoned_text(z, z.resolve(v.time)));
      else {
        auto own = zone::load(v.tzid);
        if (!own) return own.err();
        out.push_back(std::string(name) + ":" + utc_text(own->resolve(v.time)));
      }
    }
  return out;
}

// `rule`: the master's recurrence, read once by export_calendar; null for other events.
result<std::vector<std::string>> time_lines(const api::calendar_event& e, const zone& z, const recurrence* rule) {
  std::vector<std::string> out{"DTSTART;" + zoned_text(z, *e.start), "DTEND;" + zoned_text(z, *e.end)};
  if (!e.master_event_id.empty()) {
    auto id = parse_instance_id(e.id);
    if (!id) return make_error(error_code::bad_instance_id, "masterEventId is set but the id is not an instance id: " + id.err().message);
    out.push_back("RECURRENCE-ID;" + zoned_text(z, id->start));
  } else if (rule) {
    auto lines = rule_lines(*rule, z);
    if (!lines) return lines.err();
    out.insert(out.end(), lines->begin(), lines->end());
  }
  return out;
}

void add_text_fields(icalcomponent* ev, const api::calendar_event& e) {
  if (!e.title.empty()) icalcomponent_add_property(ev, icalproperty_new_summary(e.title.c_str()));
  if (!e.address.empty()) icalcomponent_add_property(ev, icalproperty_new_location(e.address.c_str()));
  if (!e.notes.empty()) icalcomponent_add_property(ev, icalproperty_new_description(e.notes.c_str()));
  if (e.status == api::appointment_status::cancelled) icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CANCELLED));
  if (e.status == api::appointment_status::confirmed) icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
  const auto add_x = [ev](const char* name, const std::string& value) {
    icalproperty* p = icalproperty_new_x(value.c_str());
    icalproperty_set_x_name(p, name);
    icalcomponent_add_property(ev, p);
  };
  for (const detail::x_text_field& f : detail::x_text_fields)
    if (!(e.*f.member).empty()) add_x(f.name, e.*f.member);
  for (const detail::x_list_field& f : detail::x_list_fields)
    for (const std::string& item : e.*f.member) add_x(f.name, item);
}

result<component_ptr> vevent_of(const api::calendar_event& e, const zone& z, const recurrence* rule,
                                 const export_options& options) {
  component_ptr ev(icalcomponent_new(ICAL_VEVENT_COMPONENT));
  const std::string uid = e.master_event_id.empty() ? e.id : e.master_event_id;
  icalcomponent_add_property(ev.get(), icalproperty_new_uid(uid.c_str()));
  auto lines = time_lines(e, z, rule);
  if (!lines) return lines.err();
  lines->insert(lines->begin(), "DTSTAMP:" + utc_text(options.stamp));
  for (const std::string& line : *lines) {
    auto p = property(line);
    if (!p) return p.err();
    icalcomponent_add_property(ev.get(), *p);
  }
  add_text_fields(ev.get(), e);
  return ev;
}

// The span a zone's VTIMEZONE must cover: from the earliest start to the latest end or UNTIL;
// open when a series has neither UNTIL nor an end of its own (COUNT counts as open).
struct zone_span {
  zone z;
  instant from = last_instant, to = first_instant;
  bool open = false;
};

// A UTC reading as an instant, any other (wall clock, date, another zone's) through the zone,
// with two days to spare for the other zone and the length of the last occurrence.
instant latest_of(civil_seconds t, bool utc, const zone& z) {
  return (utc ? from_unix_ms(t.value * 1000) : z.resolve(t)) + seconds(2 * seconds_per_day);
}

void widen(zone_span& span, const api::calendar_event& e, const recurrence* rule) {
  span.from = std::min(span.from, *e.start);
  span.to = std::max(span.to, *e.end);
  if (!rule) return;
  const std::optional<until_value>& until = rule->rule.until;
  if (!until) span.open = true;
  else span.to = std::max(span.to, latest_of(until->time, until->form == until_value::kind::utc, span.z));
  for (const date_value& v : rule->rdates) span.to = std::max(span.to, latest_of(v.time, v.form == date_value::kind::utc, span.z));
}

// A master's recurrence (none for instance rows and single events).
result<std::optional<recurrence>> rule_of(const api::calendar_event& e) {
  if (e.rrule.empty() || !e.master_event_id.empty()) return std::optional<recurrence>{};
  auto parsed = parse_recurrence(e.rrule);
  if (!parsed) return parsed.err();
  return std::optional<recurrence>{std::move(parsed->value)};
}

result<const zone*> zone_of(const api::calendar_event& e, std::size_t index, const export_options& options) {
  const zone* z = e.tz ? &*e.tz : options.default_zone ? &*options.default_zone : nullptr;
  if (!z) return event_error(e, index, "no timeZone of its own and no default zone (--tz): its wall clock is unknown");
  if (z->is_fixed()) return event_error(e, index, "a fixed UTC offset has no TZID: give an IANA zone");
  if (!e.problems.empty()) return event_error(e, index, e.problems.front());
  if (!e.start || !e.end) return event_error(e, index, "no readable startTime and endTime");
  return z;
}

component_ptr new_calendar() {
  component_ptr cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//recur//recur ics export//EN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  return cal;
}

std::string text_of(icalcomponent* cal) {
  char* text = icalcomponent_as_ical_string_r(cal);
  std::string out = text ? text : "";
  icalmemory_free_buffer(text);
  return out;
}

}  // namespace

result<std::string> export_calendar(const std::vector<api::calendar_event>& events, const export_options& options) {
  component_ptr cal = new_calendar();
  std::map<std::string, zone_span> spans;
  std::vector<component_ptr> vevents;
  for (std::size_t i = 0; i < events.size(); ++i) {
    auto z = zone_of(events[i], i, options);
    if (!z) return z.err();
    auto rule = rule_of(events[i]);
    if (!rule) return event_error(events[i], i, rule.err().message);
    const recurrence* r = *rule ? &**rule : nullptr;
    auto ev = vevent_of(events[i], **z, r, options);
    if (!ev) return event_error(events[i], i, ev.err().message);
    vevents.push_back(std::move(ev.value()));
    zone_span& span = spans.try_emplace((*z)->name(), zone_span{**z}).first->second;
    widen(span, events[i], r);
  }
  for (const auto& [name, span] : spans) {
    const std::string text = vtimezone(span.z, span.from, span.open ? std::nullopt : std::optional<instant>(span.to));
    icalcomponent_add_component(cal.get(), icalcomponent_new_from_string(text.c_str()));
  }
  for (component_ptr& ev : vevents) icalcomponent_add_component(cal.get(), ev.release());
  return text_of(cal.get());
}

}  // namespace recur::ics
