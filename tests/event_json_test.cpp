// The API's event JSON: lenient where the API is, strict on id / startTime / endTime.
#include <catch2/catch.hpp>

#include "recur/api/event_json.hpp"

using namespace recur;

TEST_CASE("event_json: a realistic response", "[event_json]") {
  const auto r = api::decode_events(R"({"traceId": "abc", "events": [
    {"id": "ocQHyuzHvysMo5N5VsXc_1729821600000_1800", "masterEventId": "ocQHyuzHvysMo5N5VsXc", "isRecurring": "true",
     "startTime": "2024-10-24T22:00:00-04:00", "endTime": "2024-10-25T02:30:00.000Z", "appointmentStatus": "confirmed",
     "users": ["u1", "u2"], "assignedResources": ["room1"], "calendarId": "c", "title": "Call", "createdBy": {"userId": "u1"},
     "someNewField": 42},
    {"id": "plain", "isRecurring": false, "startTime": "2024-10-25 09:00:00", "endTime": "2024-10-25 10:00:00",
     "appointmentStatus": "rescheduled"}]})");
  REQUIRE(r.ok());
  const auto& events = r.value().events;
  REQUIRE(events.size() == 2);
  CHECK(events[0].start == from_unix_ms(1729821600000));
  CHECK(events[0].end == from_unix_ms(1729823400000));
  CHECK(events[0].start_offset == std::chrono::hours(-4));
  CHECK(events[0].is_recurring == true);
  CHECK(events[0].status == api::appointment_status::confirmed);
  CHECK(events[0].users == std::vector<std::string>{"u1", "u2"});
  CHECK(events[0].created_by == R"({"userId":"u1"})");
  CHECK(events[0].problems.empty());
  CHECK(events[1].is_recurring == false);
  CHECK(events[1].start == from_unix_ms(1729846800000));  // no offset: read as UTC
  CHECK(events[1].status == api::appointment_status::unknown);
  CHECK(events[1].appointment_status_text == "rescheduled");
  const auto& w = r.value().warnings;
  CHECK(std::find(w.begin(), w.end(),
                  "events[1].startTime '2024-10-25 09:00:00' has no UTC offset; read as wall time in UTC") != w.end());
  CHECK(std::find(w.begin(), w.end(), "events[1].appointmentStatus 'rescheduled' is not a known status; kept as is") !=
        w.end());
}

TEST_CASE("event_json: a bad event is kept with problems naming index and field", "[event_json]") {
  const auto r = api::decode_events(R"({"events": [
    {"id": "ok", "startTime": "2024-10-25T02:00:00Z", "endTime": "2024-10-25T03:00:00Z"},
    {"startTime": "2024-10-25T02:00:00Z", "endTime": "2024-10-25T03:00:00Z"},
    {"id": 17, "startTime": "2024-02-30T02:00:00Z", "endTime": true},
    "not an object"]})");
  REQUIRE(r.ok());
  const auto& e = r.value().events;
  REQUIRE(e.size() == 4);
  CHECK(e[0].problems.empty());
  CHECK(e[1].problems == std::vector<std::string>{"events[1].id is missing"});
  REQUIRE(e[2].problems.size() == 3);
  CHECK(e[2].problems[0] == "events[2].id is number, not an id string");
  CHECK_THAT(e[2].problems[1], Catch::StartsWith("events[2].startTime: date-time '2024-02-30T02:00:00Z': no such date"));
  CHECK(e[2].problems[2] == "events[2].endTime is boolean, not a date-time string");
  CHECK(e[3].problems == std::vector<std::string>{"events[3] is string, not an event object"});
}

TEST_CASE("event_json: wrong types elsewhere are ignored with a warning", "[event_json]") {
  const auto r = api::decode_events(R"({"events": [{"id": "x", "startTime": "2024-10-25T02:00:00Z",
    "endTime": "2024-10-25T03:00:00Z", "users": "u1", "title": 5, "isRecurring": "maybe"}]})");
  REQUIRE(r.ok());
  CHECK(r.value().events[0].problems.empty());
  const auto& w = r.value().warnings;
  CHECK(w == std::vector<std::string>{"events[0].title is number, not a string; ignored",
                                      "events[0].users is string, not an array; ignored",
                                      "events[0].isRecurring is neither a boolean nor \"true\"/\"false\"; ignored"});
}

TEST_CASE("event_json: documents that are not a response", "[event_json]") {
  CHECK(api::decode_events("").err().code == error_code::syntax);
  CHECK_THAT(api::decode_events(R"({"events": [)").err().message, Catch::StartsWith("the response is not valid JSON at byte"));
  CHECK(api::decode_events(R"({"data": []})").err().message == "the response has no \"events\" array");
  CHECK(api::decode_events(R"({"events": {}})").err().message == "\"events\" is object, not an array");
  const auto single = api::decode_event(R"({"event": {"id": "e", "startTime": "2024-10-25T02:00:00Z",
    "endTime": "2024-10-25T03:00:00Z"}})");
  REQUIRE(single.ok());
  CHECK(single.value().events[0].id == "e");
}

TEST_CASE("event_json: encode then decode keeps the fields", "[event_json]") {
  const auto first = api::decode_events(R"({"events": [{"id": "a_1_2", "masterEventId": "a", "isRecurring": true,
    "startTime": "2024-10-25T02:00:00Z", "endTime": "2024-10-25T03:00:00Z", "users": ["u"], "createdBy": {"k": 1}}]})");
  REQUIRE(first.ok());
  const auto second = api::decode_events(api::encode_events(first.value().events));
  REQUIRE(second.ok());
  const api::calendar_event& a = first.value().events[0];
  const api::calendar_event& b = second.value().events[0];
  CHECK(a.id == b.id);
  CHECK(a.master_event_id == b.master_event_id);
  CHECK(a.start == b.start);
  CHECK(a.end == b.end);
  CHECK(a.users == b.users);
  CHECK(a.created_by == b.created_by);
  CHECK(a.is_recurring == b.is_recurring);
}

TEST_CASE("event_json: the engine's neutral view of an API event", "[event_json][event]") {
  const auto r = api::decode_events(R"({"events": [
    {"id": "m_1729821600000_1800", "masterEventId": "m", "isRecurring": "true", "appointmentStatus": "cancelled",
     "startTime": "2024-10-25T02:00:00Z", "endTime": "2024-10-25T02:30:00Z", "assignedUserId": "owner",
     "users": ["u1", "u2"], "calendarId": "cal", "assignedResources": ["room1", "room2"], "title": "kept by the API"},
    {"id": "m", "rrule": "RRULE:FREQ=DAILY\nEXDATE:20241026T020000Z", "startTime": "2024-10-25T02:00:00Z",
     "endTime": "2024-10-25T02:30:00Z", "appointmentStatus": "confirmed"},
    {"id": "bad", "endTime": "2024-10-25T02:30:00Z"}]})");
  REQUIRE(r.ok());
  const std::vector<event> events = api::to_events(r.value().events);
  REQUIRE(events.size() == 3);
  const event& instance = events[0];
  CHECK(instance.id == "m_1729821600000_1800");
  CHECK(instance.series_id == "m");
  CHECK(instance.recurring == true);
  CHECK(instance.cancelled);
  CHECK(instance.start == from_unix_ms(1729821600000));
  CHECK(instance.end == from_unix_ms(1729823400000));
  CHECK(instance.people == std::vector<std::string>{"owner", "u1", "u2"});
  CHECK(instance.calendars == std::vector<std::string>{"cal"});
  CHECK(instance.resources == std::vector<std::string>{"room1", "room2"});
  CHECK_FALSE(instance.is_master());
  const event& master = events[1];
  CHECK(master.recurrence == "RRULE:FREQ=DAILY\nEXDATE:20241026T020000Z");
  CHECK(master.is_master());
  CHECK_FALSE(master.cancelled);
  CHECK_FALSE(master.recurring.has_value());
  CHECK(master.people.empty());
  CHECK(events[2].problems == std::vector<std::string>{"events[2].startTime is missing"});
  CHECK_FALSE(events[2].start.has_value());
}
