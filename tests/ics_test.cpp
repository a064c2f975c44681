// recur::ics: iCalendar in and out. Expected values come from RFC 5545's text, from Python's
// zoneinfo (noted where used), and from libical itself reading what recur writes.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

#include <libical/ical.h>

#include <nlohmann/json.hpp>

#include "recur/api/event_json.hpp"
#include "recur/api/reconcile_json.hpp"
#include "recur/event_series.hpp"
#include "recur/ics.hpp"
#include "recur/instance_id.hpp"
#include "support/series_helper.hpp"

namespace {

using namespace recur;

std::string calendar(const std::string& body) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + body + "END:VCALENDAR\r\n";
}

std::string vevent(const std::string& body) { return "BEGIN:VEVENT\r\nDTSTAMP:20260101T000000Z\r\n" + body + "END:VEVENT\r\n"; }

std::vector<api::calendar_event> import_ok(const std::string& text, const ics::import_options& options = {}) {
  auto r = ics::import_calendar(text, options);
  if (!r) FAIL(r.err().message);
  return r->events;
}

std::string import_error(const std::string& text) {
  auto r = ics::import_calendar(text);
  REQUIRE_FALSE(r.ok());
  return r.err().message;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

zone load(const std::string& name) {
  auto z = zone::load(name);
  REQUIRE(z.ok());
  return z.value();
}

// The first `n` occurrences (epoch ms) of an event's series, in its own zone.
std::vector<std::int64_t> occurrences_of(const api::calendar_event& e, std::size_t n) {
  auto s = series_of(api::to_event(e), zone{});
  if (!s) FAIL(s.err().message);
  return test::first_n(s.value(), n);
}

}  // namespace

TEST_CASE("ics: Windows zone names map through CLDR's windowsZones (territory 001)", "[ics]") {
  CHECK(ics::iana_zone_of_windows_name("Eastern Standard Time") == "America/New_York");
  CHECK(ics::iana_zone_of_windows_name("Romance Standard Time") == "Europe/Paris");
  CHECK(ics::iana_zone_of_windows_name("AUS Eastern Standard Time") == "Australia/Sydney");
  CHECK(ics::iana_zone_of_windows_name("India Standard Time") == "Asia/Calcutta");
  CHECK(ics::iana_zone_of_windows_name("Eastern").empty());
  CHECK(ics::iana_zone_of_windows_name("").empty());
  // Every row of the data file names a zone this machine's tzdata has.
  std::istringstream rows(read_file(std::string(RECUR_SOURCE_DIR) + "/ics/data/windowsZones.tsv"));
  std::size_t count = 0;
  for (std::string line; std::getline(rows, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    INFO(line);
    CHECK(ics::iana_zone_of_windows_name(line.substr(0, tab)) == line.substr(tab + 1));
    CHECK(zone::load(line.substr(tab + 1)).ok());
    ++count;
  }
  CHECK(count > 130);
}

TEST_CASE("ics import: a master, a moved and a cancelled instance, in a Windows-named zone", "[ics]") {
  const auto events = import_ok(calendar(
      vevent("UID:weekly-1\r\nDTSTART;TZID=Eastern Standard Time:20260105T090000\r\n"
             "DTEND;TZID=Eastern Standard Time:20260105T093000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10\r\n"
             "EXDATE;TZID=Eastern Standard Time:20260112T090000\r\nSUMMARY:Standup\\, daily\r\nX-FOO:ignored\r\n") +
      vevent("UID:weekly-1\r\nRECURRENCE-ID;TZID=Eastern Standard Time:20260126T090000\r\n"
             "DTSTART;TZID=Eastern Standard Time:20260126T100000\r\nDTEND;TZID=Eastern Standard Time:20260126T103000\r\n") +
      vevent("UID:weekly-1\r\nRECURRENCE-ID;TZID=Eastern Standard Time:20260202T090000\r\n"
             "DTSTART;TZID=Eastern Standard Time:20260202T090000\r\nDTEND;TZID=Eastern Standard Time:20260202T093000\r\n"
             "STATUS:CANCELLED\r\n")));
  REQUIRE(events.size() == 3);
  const api::calendar_event& m = events[0];
  CHECK(m.id == "weekly-1");
  CHECK(m.start_time == "2026-01-05T09:00:00-05:00");
  CHECK(m.end_time == "2026-01-05T09:30:00-05:00");
  CHECK(m.time_zone == "America/New_York");
  CHECK(m.title == "Standup, daily");
  // 2026-01-12 09:00 EST = 14:00Z (zoneinfo: 1768226400000 ms).
  CHECK(m.rrule == "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10\nEXDATE:20260112T140000Z");
  // Instance ids: master id, the replaced occurrence's start (zoneinfo: 2026-01-26 09:00 EST =
  // 1769436000000 ms), the master's 1800 s.
  CHECK(events[1].id == "weekly-1_1769436000000_1800");
  CHECK(events[1].master_event_id == "weekly-1");
  CHECK(events[1].start_time == "2026-01-26T10:00:00-05:00");
  CHECK(events[2].id == "weekly-1_1770040800000_1800");
  CHECK(events[2].status == api::appointment_status::cancelled);
  // The expected occurrences include the replaced ones: 01-05, (01-12 excluded), 01-19, 01-26...
  CHECK(occurrences_of(m, 3) == std::vector<std::int64_t>{1767621600000, 1768831200000, 1769436000000});
}

TEST_CASE("ics import: DURATION is nominal in days and exact in hours, all-day events span local days", "[ics]") {
  // RFC 5545 3.3.6: P1D across the spring-forward night is 23 hours, ending at the same wall time.
  auto e = import_ok(calendar(vevent("UID:a\r\nDTSTART;TZID=America/New_York:20260307T090000\r\nDURATION:P1DT2H\r\n")));
  REQUIRE(e.size() == 1);
  CHECK(e[0].end_time == "2026-03-08T11:00:00-04:00");
  // X-WR-TIMEZONE gives all-day events their zone; the end is DTEND's midnight, one day when absent.
  e = import_ok(calendar("X-WR-TIMEZONE:Europe/Berlin\r\n" + vevent("UID:b\r\nDTSTART;VALUE=DATE:20260301\r\n") +
                         vevent("UID:c\r\nDTSTART;VALUE=DATE:20260301\r\nDTEND;VALUE=DATE:20260303\r\n")));
  REQUIRE(e.size() == 2);
  CHECK(e[0].start_time == "2026-03-01T00:00:00+01:00");
  CHECK(e[0].end_time == "2026-03-02T00:00:00+01:00");
  CHECK(e[1].end_time == "2026-03-03T00:00:00+01:00");
  CHECK(e[0].time_zone == "Europe/Berlin");
  // A UTC DTSTART runs its rule in UTC.
  e = import_ok(calendar(vevent("UID:d\r\nDTSTART:20260105T140000Z\r\nRRULE:FREQ=DAILY;COUNT=2\r\n")));
  CHECK(e[0].time_zone == "UTC");
  CHECK(e[0].start_time == "2026-01-05T14:00:00+00:00");
  // Floating times take the caller's zone.
  ics::import_options options;
  options.default_zone = load("Asia/Tokyo");
  e = import_ok(calendar(vevent("UID:f\r\nDTSTART:20260105T090000\r\n")), options);
  CHECK(e[0].start_time == "2026-01-05T09:00:00+09:00");
}

TEST_CASE("ics import: TZIDs by path tail, X-LIC-LOCATION and alias, others refused", "[ics]") {
  auto e = import_ok(calendar(vevent("UID:a\r\nDTSTART;TZID=/mozilla.org/20050126_1/Europe/London:20260705T090000\r\n")));
  CHECK(e[0].time_zone == "Europe/London");
  CHECK(e[0].start_time == "2026-07-05T09:00:00+01:00");
  e = import_ok(calendar("BEGIN:VTIMEZONE\r\nTZID:Office time\r\nX-LIC-LOCATION:America/Chicago\r\nBEGIN:STANDARD\r\n"
                         "DTSTART:19700101T000000\r\nTZOFFSETFROM:-0600\r\nTZOFFSETTO:-0600\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n" +
                         vevent("UID:b\r\nDTSTART;TZID=Office time:20260105T090000\r\n")));
  CHECK(e[0].time_zone == "America/Chicago");
  const std::string custom = calendar(vevent("UID:c\r\nDTSTART;TZID=My zone:20260105T090000\r\n"));
  CHECK_THAT(import_error(custom), Catch::Contains("line 7: DTSTART: TZID 'My zone' names no zone") &&
                                       Catch::Contains("--zone-alias"));
  ics::import_options options;
  options.zone_aliases.emplace_back("My zone", "Asia/Kolkata");
  CHECK(import_ok(custom, options)[0].start_time == "2026-01-05T09:00:00+05:30");
}

TEST_CASE("ics import: malformed files and unsupported parts are refused with their line", "[ics]") {
  const std::string start = "UID:a\r\nDTSTART;TZID=America/New_York:20260105T090000\r\n";  // lines 6-7
  CHECK_THAT(import_error(calendar(vevent(start + "RRULE:FREQ=DAILY\r\nRRULE:FREQ=WEEKLY\r\n"))),
             Catch::Equals("line 9: several RRULEs in one VEVENT (the first is on line 8)"));
  CHECK_THAT(import_error(calendar(vevent(start + "RRULE:FREQ=DAILY\r\nEXRULE:FREQ=WEEKLY\r\n"))),
             Catch::StartsWith("line 9: EXRULE is not supported"));
  CHECK_THAT(import_error(calendar(vevent(start + "this is not a property\r\n"))),
             Catch::StartsWith("line 8: 'this is not a property' is not a content line"));
  CHECK_THAT(import_error(calendar(vevent("UID:a\r\nDTSTART;TZID=America/New_York:2026010X\r\n"))),
             Catch::Equals("line 7: DTSTART value '2026010X' is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS[Z])"));
  CHECK_THAT(import_error(calendar(vevent(start + "EXDATE:20260105T090000Z,20260231T090000Z\r\nRRULE:FREQ=DAILY\r\n"))),
             Catch::StartsWith("line 8: EXDATE value '20260231T090000Z' is not a date"));
  CHECK_THAT(import_error(calendar(vevent(start + "RRULE:FREQ=SOMETIMES\r\n"))), Catch::StartsWith("line 8: "));
  CHECK_THAT(import_error(calendar(vevent(start + "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20260112T090000\r\n"))),
             Catch::StartsWith("line 8: RECURRENCE-ID;RANGE=THISANDFUTURE") && Catch::Contains("split the series"));
  CHECK_THAT(import_error(calendar(vevent(start + "RRULE:FREQ=DAILY\r\nRDATE;VALUE=PERIOD:20260301T090000Z/PT1H\r\n"))),
             Catch::StartsWith("line 9: RDATE;VALUE=PERIOD"));
  CHECK_THAT(import_error(calendar(vevent(start) + vevent(start))),
             Catch::StartsWith("line 9: a second VEVENT with UID 'a' and no RECURRENCE-ID (the first is on line 4)"));
  CHECK_THAT(import_error(calendar(vevent("UID:a\r\nDTSTART:20260105T090000\r\n"))),
             Catch::StartsWith("line 7: DTSTART is a floating time"));
  CHECK_THAT(import_error("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VCALENDAR\r\n"),
             Catch::StartsWith("line 4: END:VCALENDAR closes BEGIN:VEVENT of line 2"));
  CHECK_THAT(import_error("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), Catch::StartsWith("line 1: BEGIN:VCALENDAR is never closed"));
  CHECK_THAT(import_error("{\"events\": []}"), Catch::Contains("does not start with a property name"));
  CHECK_THAT(import_error(calendar(vevent("DTSTART:20260105T090000Z\r\n"))), Catch::StartsWith("line 4: VEVENT has no UID"));
}

TEST_CASE("ics import: a UID becomes an id that instance ids parse back", "[ics]") {
  CHECK(ics::master_id_of_uid("abc@google.com") == "abc@google.com");
  CHECK(ics::master_id_of_uid("040000008200E00074C5B7101A82E008") == "040000008200E00074C5B7101A82E008");
  // '_' is kept: instance ids split from the right, so "x_1_2_1767621600000_1800" parses back.
  CHECK(ics::master_id_of_uid("x_1_2") == "x_1_2");
  CHECK(parse_instance_id(format_instance_id("x_1_2", from_unix_ms(1767621600000), seconds(1800)))->master == "x_1_2");
  for (const std::string& uid :
       std::vector<std::string>{"has space", "a/b", std::string(200, 'a'), "caf\xc3\xa9", "semi;colon"}) {
    const std::string id = ics::master_id_of_uid(uid);
    INFO(uid);
    CHECK(id.size() == 20);
    CHECK(id.rfind("ics-", 0) == 0);
    CHECK(id == ics::master_id_of_uid(uid));  // stable
    auto parsed = parse_instance_id(format_instance_id(id, from_unix_ms(1767621600000), seconds(1800)));
    REQUIRE(parsed.ok());
    CHECK(parsed->master == id);
  }
  CHECK(ics::master_id_of_uid("a b") != ics::master_id_of_uid("a c"));
  // FNV-1a 64 of " ", computed independently (Python, offset basis cbf29ce484222325, prime 100000001b3).
  CHECK(ics::master_id_of_uid(" ") == "ics-af639d4c8601817f");
}

TEST_CASE("event JSON: timeZone names the event's zone, reads its offset-less times, and wins over the caller's", "[ics]") {
  auto decoded = api::decode_events(R"({"events": [
    {"id": "m", "rrule": "RRULE:FREQ=WEEKLY;COUNT=3", "startTime": "2026-03-02T09:00:00", "endTime": "2026-03-02T09:30:00",
     "timeZone": "America/New_York"},
    {"id": "bad", "startTime": "2026-03-02T09:00:00Z", "endTime": "2026-03-02T09:30:00Z", "timeZone": "Mars/Olympus"}]})");
  REQUIRE(decoded.ok());
  const auto& events = decoded->events;
  CHECK(unix_ms(*events[0].start) == 1772460000000);  // zoneinfo: 2026-03-02 09:00 EST
  CHECK(events[0].problems.empty());
  CHECK_THAT(events[1].problems.at(0), Catch::StartsWith("events[1].timeZone: "));
  // Weekly 09:00 stays 09:00 across the DST change of 2026-03-08, though the caller says UTC.
  auto s = series_of(api::to_event(events[0]), zone{});
  REQUIRE(s.ok());
  CHECK(test::first_n(s.value(), 3) == std::vector<std::int64_t>{1772460000000, 1773061200000, 1773666000000});
  CHECK_THAT(api::encode_events(events), Catch::Contains("\"timeZone\": \"America/New_York\""));
}

namespace {

// libical reading recur's VTIMEZONE: the UTC instant of a wall time.
std::int64_t libical_utc(icaltimezone* tz, civil_seconds local) {
  const civil_fields f = split(local);
  icaltimetype t = icaltime_null_time();
  t.year = f.date.year;
  t.month = f.date.month;
  t.day = f.date.day;
  t.hour = f.hour;
  t.minute = f.minute;
  t.second = f.second;
  t.zone = tz;
  return static_cast<std::int64_t>(icaltime_as_timet_with_zone(t, tz));
}

struct parsed_vtimezone {
  icalcomponent* component;
  icaltimezone* tz;
  explicit parsed_vtimezone(const std::string& text)
      : component(icalparser_parse_string(text.c_str())), tz(icaltimezone_new()) {
    REQUIRE(component);
    REQUIRE(icaltimezone_set_component(tz, component));
  }
  ~parsed_vtimezone() { icaltimezone_free(tz, 1); }
  parsed_vtimezone(const parsed_vtimezone&) = delete;
  parsed_vtimezone& operator=(const parsed_vtimezone&) = delete;
};

}  // namespace

TEST_CASE("vtimezone: libical reads recur's VTIMEZONE to the offsets tzdata gives, through every change", "[ics]") {
  const instant from = from_unix_ms(1767225600000);  // 2026-01-01T00:00Z
  for (const char* name : {"America/New_York", "Europe/Berlin", "Australia/Sydney", "Australia/Lord_Howe", "America/Santiago",
                           "Africa/Casablanca", "Asia/Tehran", "Europe/Dublin", "America/Sao_Paulo", "Pacific/Apia",
                           "America/Godthab", "Asia/Jerusalem"}) {
    INFO(name);
    const zone z = load(name);
    const std::string text = ics::vtimezone(z, from, std::nullopt);
    parsed_vtimezone parsed(text);
    // libical expands VTIMEZONE rules through 2037 in its default build: check 2026-2036.
    const instant until = from_unix_ms(2114380800000);  // 2037-01-01T00:00Z
    std::vector<civil_seconds> samples;
    for (std::int64_t day = 0; day < 11 * 365; day += 13) samples.push_back(civil_seconds{z.to_local(from).value + day * 86400 + 43200});
    for (const zone_transition& t : transitions_between(z, from, until, 1000)) {
      const std::int64_t local_after = unix_ms(t.at) / 1000 + t.offset_after.count();
      const std::int64_t local_before = unix_ms(t.at) / 1000 + t.offset_before.count();
      samples.push_back(civil_seconds{std::max(local_after, local_before) + 3600});  // just after, unambiguous
      samples.push_back(civil_seconds{std::min(local_after, local_before) - 3600});  // just before
    }
    for (civil_seconds local : samples) {
      INFO(format_ical_date_time(local, false));
      CHECK(libical_utc(parsed.tz, local) == unix_ms(z.resolve(local)) / 1000);
    }
  }
}

TEST_CASE("vtimezone: yearly patterns become RRULE observances, as RFC 5545's own New York example writes them", "[ics]") {
  const std::string ny = ics::vtimezone(load("America/New_York"), from_unix_ms(1767225600000), std::nullopt);
  // RFC 5545 3.6.5, the America/New_York example: RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU and BYMONTH=11;BYDAY=1SU.
  CHECK_THAT(ny, Catch::Contains("TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"));
  CHECK_THAT(ny, Catch::Contains("TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"));
  CHECK_THAT(ny, Catch::Contains("DTSTART:20260308T020000\r\n"));
  CHECK_THAT(ny, !Catch::Contains("RDATE"));
  // A finite span ends its yearly rules with UNTIL (the last change in the span), lists changes
  // too few for a rule; a zone without DST has one observance.
  const std::string five_years =
      ics::vtimezone(load("Europe/Berlin"), from_unix_ms(1767225600000), from_unix_ms(1924992000000));  // to 2031
  CHECK_THAT(five_years, Catch::Contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20301027T010000Z\r\n"));
  CHECK_THAT(five_years, Catch::Contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=20300331T010000Z\r\n"));
  const std::string two_years =
      ics::vtimezone(load("Europe/Berlin"), from_unix_ms(1767225600000), from_unix_ms(1830297600000));  // to 2028
  CHECK_THAT(two_years, Catch::Contains("DTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
                                        "RDATE:20271031T030000\r\n"));
  const std::string tokyo = ics::vtimezone(load("Asia/Tokyo"), from_unix_ms(1767225600000), std::nullopt);
  CHECK_THAT(tokyo, Catch::Contains("TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\n"));
  CHECK_THAT(tokyo, !Catch::Contains("RRULE") && !Catch::Contains("DAYLIGHT"));
}

namespace {

std::vector<api::calendar_event> example_events() {
  auto decoded = api::decode_events(read_file(std::string(RECUR_SOURCE_DIR) + "/cli/examples/events.json"));
  REQUIRE(decoded.ok());
  return decoded->events;
}

// libical's complaints about a text: X-LIC-ERROR properties anywhere in what it parsed.
std::size_t libical_errors(icalcomponent* c) {
  std::size_t n = static_cast<std::size_t>(icalcomponent_count_properties(c, ICAL_XLICERROR_PROPERTY));
  for (icalcomponent* child = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); child;
       child = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
    n += libical_errors(child);
  return n;
}

std::string export_ok(const std::vector<api::calendar_event>& events, const std::string& tz) {
  ics::export_options options;
  options.default_zone = load(tz);
  options.stamp = from_unix_ms(1767225600000);
  auto text = ics::export_calendar(events, options);
  if (!text) FAIL(text.err().message);
  icalcomponent* parsed = icalparser_parse_string(text->c_str());
  REQUIRE(parsed);
  CHECK(icalcomponent_isa(parsed) == ICAL_VCALENDAR_COMPONENT);
  CHECK(libical_errors(parsed) == 0);  // every exported file parses with libical without errors
  icalcomponent_free(parsed);
  return *text;
}

// What a round trip must keep: ids, instants, series, status and text fields.
void check_same_events(const std::vector<api::calendar_event>& before, const std::vector<api::calendar_event>& after,
                       const std::string& tz) {
  REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    INFO(before[i].id);
    CHECK(after[i].id == before[i].id);
    CHECK(after[i].master_event_id == before[i].master_event_id);
    CHECK(after[i].start == before[i].start);
    CHECK(after[i].end == before[i].end);
    CHECK(after[i].title == before[i].title);
    CHECK(after[i].notes == before[i].notes);
    CHECK(after[i].address == before[i].address);
    CHECK(after[i].users == before[i].users);
    CHECK(after[i].assigned_user_id == before[i].assigned_user_id);
    CHECK(after[i].calendar_id == before[i].calendar_id);
    CHECK(after[i].location_id == before[i].location_id);
    CHECK(after[i].appointment_status_text == before[i].appointment_status_text);
    CHECK((after[i].status == api::appointment_status::cancelled) == (before[i].status == api::appointment_status::cancelled));
    CHECK(after[i].time_zone == (before[i].time_zone.empty() ? tz : before[i].time_zone));
    if (before[i].rrule.empty() || !before[i].master_event_id.empty()) continue;
    api::calendar_event zoned = before[i];
    if (!zoned.tz) zoned.tz = load(tz);
    CHECK(occurrences_of(after[i], 60) == occurrences_of(zoned, 60));
  }
}

}  // namespace

TEST_CASE("ics export then import gives the same events: the example data", "[ics]") {
  const auto events = example_events();
  const std::string text = export_ok(events, "America/New_York");
  check_same_events(events, import_ok(text), "America/New_York");
  const auto example = import_ok(read_file(std::string(RECUR_SOURCE_DIR) + "/cli/examples/calendar.ics"));
  REQUIRE(example.size() == 5);
  check_same_events(example, import_ok(export_ok(example, "UTC")), "UTC");
}

TEST_CASE("ics export: an event with no zone and no default is an error naming it", "[ics]") {
  auto events = example_events();
  auto text = ics::export_calendar(events, {});
  REQUIRE_FALSE(text.ok());
  CHECK_THAT(text.err().message, Catch::StartsWith("events[0] ('" + events[0].id + "'): no timeZone of its own"));
}

TEST_CASE("ics export: lines folded at 75 octets on UTF-8 boundaries, text escaped (RFC 5545 3.1, 3.3.11)", "[ics]") {
  api::calendar_event e;
  e.id = "fold";
  e.start = from_unix_ms(1767621600000);
  e.end = from_unix_ms(1767623400000);
  e.title = "Réunion d'équipe, étage 2; \\ backslash — " + std::string(40, 'x') + " 会議室 " + std::string(30, 'y') + " é";
  e.notes = "line one\nline two, with comma; and semicolon";
  const std::string text = export_ok({e}, "Europe/Paris");
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\r\n", start);
    REQUIRE(end != std::string::npos);  // every line ends with CRLF
    const std::string line = text.substr(start, end - start);
    INFO(line);
    CHECK(line.size() <= 75);
    // No line starts or ends inside a UTF-8 sequence.
    CHECK((line.empty() || (static_cast<unsigned char>(line[line[0] == ' ' ? 1 : 0]) & 0xC0) != 0x80));
    start = end + 2;
  }
  CHECK_THAT(text, Catch::Contains("DESCRIPTION:line one\\nline two\\, with comma\\; and semicolon"));
  const auto back = import_ok(text);
  REQUIRE(back.size() == 1);
  CHECK(back[0].title == e.title);
  CHECK(back[0].notes == e.notes);
}

namespace {

// Recur's occurrences of a VEVENT next to libical's, libical expanding the exported text
// itself: its RRULE iterator in wall time, its reading of recur's VTIMEZONE for the instants.
std::vector<std::int64_t> libical_occurrences(const std::string& text, std::size_t n) {
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  REQUIRE(cal);
  icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
  REQUIRE(ev);
  const icaltimetype dtstart = icalcomponent_get_dtstart(ev);
  const char* tzid = icalparameter_get_tzid(
      icalproperty_get_first_parameter(icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY), ICAL_TZID_PARAMETER));
  icaltimezone* tz = icalcomponent_get_timezone(cal, tzid);
  REQUIRE(tz);
  std::vector<std::int64_t> out;
  icalrecur_iterator* it = icalrecur_iterator_new(icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY)
                                                      ? icalproperty_get_rrule(icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY))
                                                      : icalrecurrencetype{},
                                                  dtstart);
  REQUIRE(it);
  for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t) && out.size() < n; t = icalrecur_iterator_next(it))
    out.push_back(static_cast<std::int64_t>(icaltime_as_timet_with_zone(t, tz)) * 1000);
  icalrecur_iterator_free(it);
  icalcomponent_free(cal);
  return out;
}

std::string random_rule(std::mt19937& rng) {
  static const char* rules[] = {
      "FREQ=DAILY;INTERVAL=3",          "FREQ=WEEKLY;BYDAY=MO,WE,FR",        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
      "FREQ=MONTHLY;BYMONTHDAY=1,15",  "FREQ=MONTHLY;BYDAY=-1FR",           "FREQ=MONTHLY;BYDAY=2TU",
      "FREQ=YEARLY;BYMONTH=3,10;BYDAY=1SU", "FREQ=DAILY;BYDAY=SA,SU",       "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1",
      "FREQ=WEEKLY;COUNT=30",          "FREQ=DAILY;UNTIL=20280101T000000Z", "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4"};
  return rules[rng() % (sizeof rules / sizeof rules[0])];
}

}  // namespace

TEST_CASE("ics export: generated series survive the round trip, and libical expands the exported file as recur does",
          "[ics]") {
  // Times avoid 01:00-03:59 local, where DST changes put gaps and overlaps: there libical departs
  // from RFC 5545 3.3.5 (see libical_differential_test), which is libical's matter, not the file's.
  std::mt19937 rng(20261207);
  std::size_t compared_with_libical = 0;
  const char* zones[] = {"America/New_York", "Europe/Berlin", "Australia/Sydney", "America/Santiago", "Asia/Tokyo", "UTC"};
  for (int i = 0; i < 120; ++i) {
    const zone z = load(zones[rng() % 6]);
    const civil_seconds local = make_civil(civil_date{2026 + static_cast<int>(rng() % 3), 1 + static_cast<int>(rng() % 12),
                                                      1 + static_cast<int>(rng() % 28)},
                                           5 + static_cast<int>(rng() % 17), 15 * static_cast<int>(rng() % 4), 0);
    api::calendar_event e;
    e.id = "gen" + std::to_string(i);
    e.start = z.resolve(local);
    e.end = *e.start + seconds(900 * (1 + rng() % 8));
    e.rrule = "RRULE:" + random_rule(rng);
    if (rng() % 2) e.rrule += "\nEXDATE:" + format_ical_date_time(civil_seconds{unix_ms(*e.start) / 1000 + 7 * 86400}, true);
    e.time_zone = z.name();
    e.tz = z;
    // DTSTART on the rule's own pattern: libical leaves out a DTSTART the rule does not generate,
    // where RFC 5545 counts it as the first instance (a departure the differential test names).
    const std::vector<std::int64_t> first = occurrences_of(e, 2);
    if (first.size() < 2) continue;
    e.end = from_unix_ms(first[1]) + (*e.end - *e.start);
    e.start = from_unix_ms(first[1]);
    INFO(e.rrule << " at " << format_ical_date_time(local, false) << " " << z.name());
    const std::string text = export_ok({e}, "UTC");
    const auto back = import_ok(text);
    check_same_events({e}, back, z.name());
    if (e.rrule.find("EXDATE") != std::string::npos) continue;  // libical's iterator alone knows no EXDATE
    // libical's expansion of the file through 2036 (its VTIMEZONE horizon) equals recur's.
    std::vector<std::int64_t> ours = occurrences_of(e, 40);
    while (!ours.empty() && ours.back() >= 2114380800000) ours.pop_back();
    CHECK(libical_occurrences(text, ours.size()) == ours);
    ++compared_with_libical;
  }
  CHECK(compared_with_libical > 40);
}

TEST_CASE("ics import: size and nesting limits are enforced before libical reads the text", "[ics]") {
  ics::import_options options;
  options.max_text_bytes = 100;
  const std::string text = calendar(vevent("UID:a\r\nDTSTART:20260105T090000Z\r\n"));
  auto r = ics::import_calendar(text, options);
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().code == error_code::limit_exceeded);
  CHECK_THAT(r.err().message, Catch::Contains("over the limit of 100"));
  std::string deep = "BEGIN:VCALENDAR\r\n";
  for (int i = 0; i < 20; ++i) deep += "BEGIN:X-NEST\r\n";
  r = ics::import_calendar(deep);
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().message == "line 17: components nest deeper than 16 levels");
}

TEST_CASE("shared_zone: the one zone the masters name, else an error naming why", "[ics]") {
  event m;
  m.id = "m1";
  m.recurrence = "RRULE:FREQ=DAILY";
  event single;
  single.id = "s";
  CHECK(shared_zone({single}).err().message == "no master names a zone");
  CHECK(shared_zone({m}).err().message == "master 'm1' names no zone (no timeZone)");
  m.tz = load("Europe/Berlin");
  event other = m;
  other.id = "m2";
  CHECK(shared_zone({m, single, other})->name() == "Europe/Berlin");
  other.tz = load("Asia/Tokyo");
  CHECK(shared_zone({m, other}).err().code == error_code::conflict);
  CHECK(shared_zone({m, other}).err().message == "the masters run in several zones (Europe/Berlin, Asia/Tokyo)");
}

TEST_CASE("reconcile_json: a request without \"tz\" runs masters in their own timeZone", "[ics]") {
  const std::string request = R"({"location": "x", "from": "2026-03-01T00:00:00Z", "to": "2026-03-12T00:00:00Z", "events": [
    {"id": "w", "rrule": "RRULE:FREQ=WEEKLY;COUNT=2", "timeZone": "America/New_York",
     "startTime": "2026-03-02T09:00:00-05:00", "endTime": "2026-03-02T09:30:00-05:00"},
    {"id": "w_1772460000000_1800", "masterEventId": "w", "startTime": "2026-03-02T09:00:00-05:00", "endTime": "2026-03-02T09:30:00-05:00"},
    {"id": "w_1773061200000_1800", "masterEventId": "w", "startTime": "2026-03-09T09:00:00-04:00", "endTime": "2026-03-09T09:30:00-04:00"}]})";
  // zoneinfo: 2026-03-09 09:00 EDT = 1773061200000; in UTC's wall clock it would be 1773064800000.
  const auto answer = nlohmann::json::parse(api::reconcile_json(request, {}).json);
  INFO(answer.dump());
  CHECK(answer.at("clean") == true);
  const auto no_zone = nlohmann::json::parse(api::reconcile_json(R"({"events": [{"id": "w", "rrule": "RRULE:FREQ=DAILY",
    "startTime": "2026-03-02T09:00:00Z", "endTime": "2026-03-02T09:30:00Z"}]})", {}).json);
  CHECK_THAT(no_zone.at("error").at("message").get<std::string>(), Catch::Contains("\"tz\" is missing and master 'w' names no zone"));
}

TEST_CASE("ics: times stay in years 1..9999, which iCalendar's four-digit years can write", "[ics]") {
  // Found by fuzz_ics: a DURATION of 666,666,666,666 days ended in year 272588, which no
  // DATE-TIME can write, so the export failed. Now the import refuses it, naming the line.
  CHECK_THAT(import_error(calendar(vevent("UID:a\r\nDTSTART;TZID=Europe/Berlin:20260130T150000\r\nDURATION:P666666666666DT1H\r\n"))),
             Catch::Equals("line 8: DURATION makes the event end after the year 9999"));
  CHECK_THAT(import_error(calendar(vevent("UID:a\r\nDTSTART:99991231T000000Z\r\nDURATION:P2D\r\n"))),
             Catch::Contains("after the year 9999"));
  // Series at both ends of the calendar export, parse with libical without errors (export_ok
  // checks) and import back, their VTIMEZONEs kept inside the four-digit years.
  for (const std::string& start : {std::string("00010101T000000"), std::string("99991230T120000")}) {
    INFO(start);
    const auto events = import_ok(calendar(vevent("UID:edge\r\nDTSTART;TZID=America/New_York:" + start +
                                                  "\r\nDURATION:PT1H\r\nRRULE:FREQ=DAILY;COUNT=2\r\n")));
    const std::string text = export_ok(events, "UTC");
    CHECK_THAT(text, !Catch::Contains(":0000") && !Catch::Contains(":1000"));
    check_same_events(events, import_ok(text), "UTC");
  }
}
