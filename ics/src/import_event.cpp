// One VEVENT as an API event: times to instants through recur's zones, the rule as the API
// carries it, the fields the API has. Every error names the line it comes from.
#include <algorithm>
#include <string_view>

#include "import_detail.hpp"
#include "x_fields.hpp"
#include "recur/iso8601.hpp"
#include "recur/recurrence.hpp"
#include "recur/rrule.hpp"

namespace recur::ics::detail {
namespace {

error fail(std::size_t line, error_code code, const std::string& message) { return {code, at_line(line, message)}; }

// The line of the `nth` property `name` of the VEVENT (its BEGIN line when not found).
std::size_t line_of(const vevent_context& c, const char* name, std::size_t nth = 0) {
  const auto found = c.lines.in_vevent(c.index, name);
  return nth < found.size() ? found[nth]->number : c.lines.vevent_line(c.index);
}

civil_seconds civil_of(const icaltimetype& t) {
  return make_civil(civil_date{t.year, t.month, t.day}, t.is_date ? 0 : t.hour, t.is_date ? 0 : t.minute,
                    t.is_date ? 0 : t.second);
}

std::string tzid_of(icalproperty* p) {
  icalparameter* tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
  return tzid ? icalparameter_get_tzid(tzid) : "";
}

// RFC 5545 3.3.4 / 3.3.5: YYYYMMDD, or YYYYMMDDTHHMMSS with an optional Z, a real date and time.
bool is_time_text(std::string_view v) {
  const auto digits = [&v](std::size_t from, std::size_t n) {
    int out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (i >= v.size() || v[i] < '0' || v[i] > '9') return -1;
      out = out * 10 + (v[i] - '0');
    }
    return out;
  };
  const int year = digits(0, 4), month = digits(4, 2), day = digits(6, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
  if (v.size() == 8) return true;
  if (v.size() != 15 && !(v.size() == 16 && v[15] == 'Z')) return false;
  const int hour = digits(9, 2), minute = digits(11, 2), second = digits(13, 2);
  return v[8] == 'T' && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second <= 60;
}

// libical reads some malformed times without complaint ("2026010X" becomes day 0 of January):
// each time value recur uses is checked as written first. PERIOD values are refused later.
std::optional<error> check_time_texts(const vevent_context& c) {
  for (const char* name : {"DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE"})
    for (const content_line* l : c.lines.in_vevent(c.index, name)) {
      std::string_view rest(l->value);
      while (true) {
        const std::size_t comma = rest.find(',');
        const std::string_view item = rest.substr(0, comma);
        if (item.find('/') == std::string_view::npos && !is_time_text(item))
          return fail(l->number, error_code::bad_time, std::string(name) + " value '" + std::string(item) +
                                                           "' is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS[Z])");
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
    }
  return std::nullopt;
}

// A time property's value: the zone it is written in (none for UTC) and its instant.
struct read_time {
  instant at{};
  zone written_in;  // the zone of the wall clock it is written in ("UTC" for ...Z)
  bool is_date = false;
};

result<read_time> time_value(vevent_context& c, icalproperty* p, const icaltimetype& t, const char* name,
                             std::size_t line, const std::optional<zone>& event_zone) {
  read_time out;
  out.is_date = t.is_date;
  if (icaltime_is_utc(t) && !t.is_date) {
    out.at = from_unix_ms((civil_of(t).value) * 1000);
    out.written_in = c.utc;
    return out;
  }
  const std::string tzid = tzid_of(p);
  if (!tzid.empty()) {
    auto z = c.zones.resolve(tzid);
    if (!z) return fail(line, z.err().code, std::string(name) + ": " + z.err().message);
    out.written_in = z.value();
  } else if (event_zone) {
    out.written_in = *event_zone;
  } else if (c.calendar_zone) {
    out.written_in = *c.calendar_zone;
  } else if (t.is_date) {
    out.written_in = c.utc;  // an all-day date with no zone anywhere: UTC days
  } else {
    return fail(line, error_code::unknown_zone,
                std::string(name) + " is a floating time (no TZID, no Z) and the calendar names no zone "
                                    "(X-WR-TIMEZONE): give one (recur ics import --tz ZONE)");
  }
  out.at = out.written_in.resolve(civil_of(t));
  return out;
}

std::string text_of(icalcomponent* ev, icalproperty_kind kind) {
  icalproperty* p = icalcomponent_get_first_property(ev, kind);
  if (!p) return "";
  const char* v = icalvalue_get_text(icalproperty_get_value(p));
  return v ? v : "";
}

// DTSTART, then DTEND or DURATION (or their defaults, RFC 5545 3.6.1).
result<std::pair<read_time, instant>> event_times(icalcomponent* ev, vevent_context& c) {
  icalproperty* start_p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
  if (!start_p) return fail(c.lines.vevent_line(c.index), error_code::missing_part, "VEVENT has no DTSTART");
  auto start = time_value(c, start_p, icalproperty_get_dtstart(start_p), "DTSTART", line_of(c, "DTSTART"), std::nullopt);
  if (!start) return start.err();
  const zone& in = start->written_in;
  if (icalproperty* end_p = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY)) {
    auto end = time_value(c, end_p, icalproperty_get_dtend(end_p), "DTEND", line_of(c, "DTEND"), start->written_in);
    if (!end) return end.err();
    if (end->at < start->at) return fail(line_of(c, "DTEND"), error_code::bad_time, "DTEND is before DTSTART");
    return std::make_pair(*start, end->at);
  }
  if (icalproperty* dur_p = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY)) {
    const icaldurationtype d = icalproperty_get_duration(dur_p);
    if (d.is_neg) return fail(line_of(c, "DURATION"), error_code::bad_value, "DURATION is negative");
    // Days and weeks are nominal (the same wall time later), hours and less exact (3.3.6).
    const std::int64_t days = std::int64_t{d.weeks} * 7 + d.days;
    const std::int64_t exact = std::int64_t{d.hours} * 3600 + std::int64_t{d.minutes} * 60 + d.seconds;
    constexpr std::int64_t calendar_days = 3652059;  // 0001-01-01 .. 9999-12-31
    const instant end = days > calendar_days || exact > calendar_days * seconds_per_day
                            ? last_instant + seconds(1)
                            : in.resolve(civil_seconds{in.to_local(start->at).value + days * seconds_per_day}) + seconds(exact);
    if (end > last_instant)
      return fail(line_of(c, "DURATION"), error_code::out_of_range, "DURATION makes the event end after the year 9999");
    return std::make_pair(*start, end);
  }
  const instant end = start->is_date ? in.resolve(civil_seconds{in.to_local(start->at).value + seconds_per_day}) : start->at;
  return std::make_pair(*start, end);
}

// One EXDATE or RDATE value as the API text carries it: UTC, or VALUE=DATE.
std::string date_text(const read_time& t, const zone& event_zone) {
  if (t.is_date) return "VALUE=DATE:" + format_ical_date(split(event_zone.to_local(t.at)).date);
  return ":" + format_ical_date_time(civil_seconds{unix_ms(t.at) / 1000}, true);
}

// The line of each value of a multi-valued property, in order: libical splits
// "EXDATE:a,b" into one property per value.
std::vector<std::size_t> value_lines(const vevent_context& c, const char* name) {
  std::vector<std::size_t> out;
  for (const content_line* l : c.lines.in_vevent(c.index, name))
    out.insert(out.end(), static_cast<std::size_t>(std::count(l->value.begin(), l->value.end(), ',')) + 1, l->number);
  return out;
}

result<std::string> date_lines(icalcomponent* ev, vevent_context& c, icalproperty_kind kind, const char* name,
                               const zone& event_zone) {
  std::string out;
  std::size_t nth = 0;
  const std::vector<std::size_t> lines = value_lines(c, name);
  for (icalproperty* p = icalcomponent_get_first_property(ev, kind); p; p = icalcomponent_get_next_property(ev, kind), ++nth) {
    const std::size_t line = nth < lines.size() ? lines[nth] : c.lines.vevent_line(c.index);
    icaltimetype t;
    if (kind == ICAL_RDATE_PROPERTY) {
      const icaldatetimeperiodtype v = icalproperty_get_rdate(p);
      if (!icalperiodtype_is_null_period(v.period))
        return fail(line, error_code::unsupported, "RDATE;VALUE=PERIOD is not supported (give DTSTART-length dates)");
      t = v.time;
    } else {
      t = icalproperty_get_exdate(p);
    }
    auto value = time_value(c, p, t, name, line, event_zone);
    if (!value) return value.err();
    const std::string text = date_text(*value, event_zone);
    out += std::string("\n") + name + (text.front() == ':' ? "" : ";") + text;
  }
  return out;
}

// RRULE (exactly one), EXRULE refused, EXDATE/RDATE in UTC: the API's rrule text, checked by
// recur's own parser so that a rule recur cannot run is refused here, with its line.
result<std::string> rule_text(icalcomponent* ev, vevent_context& c, const zone& event_zone) {
  const auto rrules = c.lines.in_vevent(c.index, "RRULE");
  if (const auto exrules = c.lines.in_vevent(c.index, "EXRULE"); !exrules.empty())
    return fail(exrules.front()->number, error_code::unsupported, "EXRULE is not supported (RFC 5545 deprecates it)");
  if (rrules.size() > 1)
    return fail(rrules[1]->number, error_code::unsupported,
                "several RRULEs in one VEVENT (the first is on line " + std::to_string(rrules[0]->number) + ")");
  if (rrules.empty()) {
    if (const auto rdates = c.lines.in_vevent(c.index, "RDATE"); !rdates.empty())
      return fail(rdates.front()->number, error_code::unsupported,
                  "RDATE without an RRULE (a series of listed dates only) is not supported: the API's rule needs an RRULE");
    for (const content_line* exdate : c.lines.in_vevent(c.index, "EXDATE"))
      c.warnings.push_back(at_line(exdate->number, "EXDATE without an RRULE excludes nothing from a single event; ignored"));
    return std::string();
  }
  std::string text = "RRULE:" + rrules[0]->value;
  for (auto [kind, name] : {std::pair{ICAL_EXDATE_PROPERTY, "EXDATE"}, std::pair{ICAL_RDATE_PROPERTY, "RDATE"}}) {
    auto lines = date_lines(ev, c, kind, name, event_zone);
    if (!lines) return lines.err();
    text += *lines;
  }
  if (auto parsed = parse_recurrence(text); !parsed)
    return fail(rrules[0]->number, parsed.err().code, "RRULE: " + parsed.err().message);
  return text;
}

// X-RECUR-* properties (x_fields.hpp): recur's own export carrying the API's other fields.
void copy_x_fields(icalcomponent* ev, api::calendar_event& e) {
  for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property(ev, ICAL_X_PROPERTY)) {
    const char* name = icalproperty_get_x_name(p);
    const char* value = icalproperty_get_x(p);
    if (!name || !value) continue;
    for (const x_text_field& f : x_text_fields)
      if (std::string_view(name) == f.name) e.*f.member = value;
    for (const x_list_field& f : x_list_fields)
      if (std::string_view(name) == f.name) (e.*f.member).push_back(value);
  }
}

void copy_fields(icalcomponent* ev, api::calendar_event& e) {
  e.title = text_of(ev, ICAL_SUMMARY_PROPERTY);
  e.address = text_of(ev, ICAL_LOCATION_PROPERTY);
  e.notes = text_of(ev, ICAL_DESCRIPTION_PROPERTY);
  copy_x_fields(ev, e);
  // STATUS is the calendar's own word: CANCELLED wins over any other status.
  if (icalproperty* s = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY)) {
    const icalproperty_status status = icalproperty_get_status(s);
    if (status == ICAL_STATUS_CANCELLED) e.appointment_status_text = "cancelled";
    else if (status == ICAL_STATUS_CONFIRMED && e.appointment_status_text.empty()) e.appointment_status_text = "confirmed";
  }
  e.status = api::parse_appointment_status(e.appointment_status_text);
}

// RECURRENCE-ID: the start of the occurrence this VEVENT replaces.
result<std::optional<instant>> original_start(icalcomponent* ev, vevent_context& c, const zone& event_zone) {
  icalproperty* p = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
  if (!p) return std::optional<instant>{};
  const std::size_t line = line_of(c, "RECURRENCE-ID");
  if (icalparameter* range = icalproperty_get_first_parameter(p, ICAL_RANGE_PARAMETER);
      range && icalparameter_get_range(range) == ICAL_RANGE_THISANDFUTURE)
    return fail(line, error_code::unsupported,
                "RECURRENCE-ID;RANGE=THISANDFUTURE (a change to this and every later occurrence) is not supported: "
                "split the series into two masters");
  auto t = time_value(c, p, icalproperty_get_recurrenceid(p), "RECURRENCE-ID", line, event_zone);
  if (!t) return t.err();
  return std::optional<instant>{t->at};
}

void set_times(api::calendar_event& e, instant start, instant end, const zone& z) {
  e.start = start;
  e.end = end;
  e.start_time = format_iso8601(start, z);
  e.end_time = format_iso8601(end, z);
  e.start_offset = z.offset_at(start);
}

}  // namespace

result<vevent_row> read_vevent(icalcomponent* ev, vevent_context& c) {
  vevent_row row;
  row.line = c.lines.vevent_line(c.index);
  const char* uid = icalcomponent_get_uid(ev);
  row.uid = uid ? uid : "";
  if (row.uid.empty()) return fail(row.line, error_code::missing_part, "VEVENT has no UID");
  if (auto bad = check_time_texts(c)) return *bad;
  auto times = event_times(ev, c);
  if (!times) return times.err();
  const auto& [start, end] = times.value();
  const zone event_zone = start.written_in;
  api::calendar_event& e = row.event;
  set_times(e, start.at, end, event_zone);
  e.time_zone = event_zone.name();
  e.tz = event_zone;
  auto rule = rule_text(ev, c, event_zone);
  if (!rule) return rule.err();
  e.rrule = std::move(rule.value());
  auto original = original_start(ev, c, event_zone);
  if (!original) return original.err();
  row.original_start = *original;
  if (!e.rrule.empty() && row.original_start)
    return fail(row.line, error_code::conflict, "VEVENT has both RRULE and RECURRENCE-ID");
  if (!e.rrule.empty() || row.original_start) e.is_recurring = true;
  copy_fields(ev, e);
  return row;
}

}  // namespace recur::ics::detail
