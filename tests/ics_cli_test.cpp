// `recur ics import/export`, `expand --event`, and the commands that take an event's own zone
// (timeZone) when --tz is absent. Expected instants from Python's zoneinfo, noted where used.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "support/run_process.hpp"

using recur::test::run_process;

namespace {

recur::test::process_result recur_cli(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), RECUR_CLI);
  return run_process(args, input);
}

const std::string example_ics = std::string(RECUR_SOURCE_DIR) + "/cli/examples/calendar.ics";
const std::string example_json = std::string(RECUR_SOURCE_DIR) + "/cli/examples/calendar.json";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    out.push_back(text.substr(start, end - start));
  return out;
}

// A file in a fresh temporary directory, removed with it.
struct temp_file {
  std::filesystem::path dir, path;
  temp_file(const std::string& name, const std::string& text)
      : dir(std::filesystem::temp_directory_path() / ("recur-ics-cli-" + std::to_string(::getpid()) + "-" + name)),
        path(dir / name) {
    std::filesystem::create_directories(dir);
    std::ofstream(path, std::ios::binary) << text;
  }
  ~temp_file() { std::filesystem::remove_all(dir); }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
};

}  // namespace

TEST_CASE("cli: ics import writes the API's events JSON with each event's zone", "[cli][ics]") {
  const auto r = recur_cli({"ics", "import", example_ics});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const auto events = nlohmann::json::parse(r.out).at("events");
  REQUIRE(events.size() == 5);
  CHECK(events[0]["id"] == "weekly-standup");
  CHECK(events[0]["timeZone"] == "America/New_York");  // from TZID "Eastern Standard Time"
  CHECK(events[0]["rrule"] == "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20260629T130000Z\nEXDATE:20260119T140000Z\nEXDATE:20260216T140000Z");
  // The moved 2026-03-09 09:00 EDT occurrence (zoneinfo: 1773061200000 ms), 1800 s as its master.
  CHECK(events[1]["id"] == "weekly-standup_1773061200000_1800");
  CHECK(events[1]["startTime"] == "2026-03-09T11:00:00-04:00");
  CHECK(events[2]["appointmentStatus"] == "cancelled");
  CHECK(events[3]["timeZone"] == "Europe/Berlin");
  CHECK(events[4]["startTime"] == "2026-07-03T00:00:00-04:00");  // all-day, X-WR-TIMEZONE
}

TEST_CASE("cli: ics import names the bad line, ics export needs a zone for every event", "[cli][ics]") {
  auto r = recur_cli({"ics", "import", "-"}, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260105T090000Z\r\n"
                                             "RRULE:FREQ=DAILY\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "recur: error: stdin: line 6: several RRULEs in one VEVENT (the first is on line 5)\n");
  r = recur_cli({"ics", "import", "/nonexistent.ics"});
  CHECK(r.exit_code == 2);
  r = recur_cli({"ics", "export", "--events", example_json});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("recur: error: events[0] ('standupDaily00000001'): no timeZone of its own"));
  r = recur_cli({"ics", "export", "--events", example_json, "--tz", "America/Chicago"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
  CHECK_THAT(r.out, Catch::Contains("DTSTART;TZID=America/Chicago:20261005T090000\r\n"));
  CHECK_THAT(r.out, Catch::Contains("X-RECUR-USER:bob\r\n"));
  r = recur_cli({"ics"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("cli: import, export, import keeps every field, and expand --event gives the same ids", "[cli][ics]") {
  const auto first = recur_cli({"ics", "import", example_ics});
  REQUIRE(first.exit_code == 0);
  const auto exported = recur_cli({"ics", "export", "--events", "-"}, first.out);
  REQUIRE(exported.exit_code == 0);
  const auto second = recur_cli({"ics", "import", "-"}, exported.out);
  REQUIRE(second.exit_code == 0);
  auto a = nlohmann::json::parse(first.out).at("events");
  auto b = nlohmann::json::parse(second.out).at("events");
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO(a[i].dump());
    // The rule is written canonically (part order may change); what it expands to is compared below.
    a[i].erase("rrule");
    b[i].erase("rrule");
    CHECK(a[i] == b[i]);
  }
  temp_file once("once.ics", exported.out);
  const auto ids_before = recur_cli({"expand", "--event", example_ics, "--master", "weekly-standup", "--format", "ids"});
  const auto ids_after = recur_cli({"expand", "--event", once.path.string(), "--master", "weekly-standup", "--format", "ids"});
  REQUIRE(ids_before.exit_code == 0);
  CHECK(ids_before.out == ids_after.out);
  // Mondays 2026-01-05 .. 06-29 (26) less the two EXDATEs; 06-29 09:00 EDT is UNTIL itself
  // (zoneinfo: 1782738000000 ms), so it is the last.
  const auto ids = lines_of(ids_before.out);
  CHECK(ids.size() == 24);
  CHECK(ids.front() == "weekly-standup_1767621600000_1800");
  CHECK(ids.back() == "weekly-standup_1782738000000_1800");
}

TEST_CASE("cli: expand --event reads JSON or .ics, picks the master, and refuses mixing with --rrule", "[cli][ics]") {
  auto r = recur_cli({"expand", "--event", example_ics, "--format", "ids"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("the file has 2 master events; pick one with --master ID"));
  r = recur_cli({"expand", "--event", example_ics, "--master", "nope"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("no master with id 'nope'"));
  r = recur_cli({"expand", "--event", example_ics, "--rrule", "RRULE:FREQ=DAILY"});
  CHECK(r.exit_code == 2);
  // A JSON event with its own zone: weekly 09:00 New York stays 09:00 across DST (zoneinfo:
  // 2026-03-02 09:00 EST = 1772460000000, 03-09 09:00 EDT = 1773061200000).
  const std::string json = R"({"event": {"id": "m", "rrule": "RRULE:FREQ=WEEKLY;COUNT=2", "timeZone": "America/New_York",
                                "startTime": "2026-03-02T09:00:00-05:00", "endTime": "2026-03-02T10:00:00-05:00"}})";
  r = recur_cli({"expand", "--event", "-", "--format", "ids"}, json);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "m_1772460000000_3600\nm_1773061200000_3600\n");
  // --tz wins over the event's zone: in UTC the 14:00Z time stays 14:00Z.
  r = recur_cli({"expand", "--event", "-", "--tz", "UTC"}, json);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "1772460000000\n1773064800000\n");
}

TEST_CASE("cli: conflicts, free and reconcile run masters in their own zone when --tz is absent", "[cli][ics]") {
  // calendar.json's masters name no zone: --tz stays required, and the message says which master.
  auto r = recur_cli({"conflicts", "--events", example_json, "--from", "2026-10-05T00:00:00Z", "--to", "2026-10-10T00:00:00Z"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--tz is required: master 'standupDaily00000001' names no zone"));
  // The example calendar's masters run in two zones: --tz names the zone of the output.
  const auto imported = recur_cli({"ics", "import", example_ics});
  REQUIRE(imported.exit_code == 0);
  temp_file events("events.json", imported.out);
  r = recur_cli({"reconcile", "--events", events.path.string(), "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-30T00:00:00Z"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("the masters run in several zones (America/New_York, Europe/Berlin)"));
  // One zone: no --tz needed; the moved and cancelled rows reconcile against the master.
  const std::string one_zone = R"({"events": [
    {"id": "w", "rrule": "RRULE:FREQ=WEEKLY;COUNT=3", "timeZone": "America/New_York", "assignedUserId": "u",
     "startTime": "2026-03-02T09:00:00-05:00", "endTime": "2026-03-02T09:30:00-05:00"},
    {"id": "w_1773061200000_1800", "masterEventId": "w", "timeZone": "America/New_York", "assignedUserId": "u",
     "startTime": "2026-03-09T09:00:00-04:00", "endTime": "2026-03-09T09:30:00-04:00"}]})";
  temp_file single("one.json", one_zone);
  r = recur_cli({"reconcile", "--events", single.path.string(), "--from", "2026-03-01T00:00:00Z", "--to", "2026-03-20T00:00:00Z"});
  CHECK(r.err.empty());
  CHECK(r.exit_code == 1);  // 03-02 and 03-16 expected but not fetched
  CHECK_THAT(r.out, Catch::Contains("\"missing\""));
  r = recur_cli({"free", "--events", single.path.string(), "--from", "2026-03-09T00:00:00-04:00", "--to",
                 "2026-03-10T00:00:00-04:00", "--key", "u", "--format", "text"});
  REQUIRE(r.exit_code == 0);
  // The 03-09 occurrence is busy 09:00-09:30 in New York's wall clock, and times print there.
  CHECK_THAT(r.out, Catch::Contains("2026-03-09T09:00:00-04:00 .. 2026-03-09T09:30:00-04:00"));
}

TEST_CASE("cli: libical (and the ICU libraries it brings) load only for iCalendar work", "[cli][ics]") {
  // ICU's libraries cost every process about 6 ms of start-up: recur loads them with its
  // iCalendar module, at the first command that reads or writes iCalendar, and not otherwise.
  auto r = run_process({"/usr/bin/env", "LD_DEBUG=libs", RECUR_CLI, "expand", "--rrule", "FREQ=DAILY;COUNT=1", "--start",
                        "2026-01-05T09:00:00Z"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, !Catch::Contains("libical") && !Catch::Contains("libicu"));
  r = run_process({"/usr/bin/env", "LD_DEBUG=libs", RECUR_CLI, "ics", "import", example_ics});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("recur_ics_module.so") && Catch::Contains("libical.so"));
}
