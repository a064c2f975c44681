// Reconcile one location from JSON (recur/api/reconcile_json.hpp) and many at once
// (`recur reconcile --batch`): answers in input order, a bad line answered on its own line,
// the same answers with one thread or several.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "recur/api/reconcile_json.hpp"
#include "recur/iso8601.hpp"
#include "support/run_process.hpp"

using recur::test::run_process;
using json = nlohmann::json;

namespace {

constexpr std::int64_t minute = 60000, hour = 60 * minute, day = 24 * hour;
constexpr std::int64_t mar1 = 1772355600000;  // 2026-03-01T09:00:00Z

std::string iso(std::int64_t ms) { return recur::format_iso8601(recur::from_unix_ms(ms), recur::seconds(0)); }

json api_event(const std::string& id, std::int64_t start, std::int64_t length) {
  return {{"id", id}, {"startTime", iso(start)}, {"endTime", iso(start + length)}};
}

// Location i: a daily series of 10 half-hour occurrences from mar1 + i hours; every occurrence
// fetched but day i % 10; when i % 7 == 0 also a stale one on day 20 (after COUNT).
json location(int i) {
  const std::string m = "m" + std::to_string(i);
  const std::int64_t start = mar1 + i * hour;
  json master = api_event(m, start, 30 * minute);
  master["rrule"] = "RRULE:FREQ=DAILY;COUNT=10";
  master["isRecurring"] = true;
  json events = json::array({master});
  auto add_instance = [&](int d) {
    const std::int64_t t = start + d * day;
    json e = api_event(m + "_" + std::to_string(t) + "_1800", t, 30 * minute);
    e["masterEventId"] = m;
    e["isRecurring"] = true;
    events.push_back(e);
  };
  for (int d = 0; d < 10; ++d)
    if (d != i % 10) add_instance(d);
  if (i % 7 == 0) add_instance(20);
  return {{"location", "loc-" + std::to_string(i)}, {"tz", "UTC"}, {"events", events},
          {"from", start}, {"to", iso(start + 30 * day)}};
}

json answer_of(const std::string& request) { return json::parse(recur::api::reconcile_json(request).json); }

void check_location_answer(const json& a, int i) {
  CHECK(a["location"] == "loc-" + std::to_string(i));
  CHECK(a["summary"]["matched"] == 9);
  CHECK(a["summary"]["missing"] == 1);
  CHECK(a["summary"]["unexpected"] == (i % 7 == 0 ? 1 : 0));
  CHECK(a["summary"]["master"] == 1);
  CHECK(a["clean"] == false);
}

std::string error_code_of(const std::string& request) {
  const json a = answer_of(request);
  REQUIRE(a.contains("error"));
  CHECK_FALSE(a.contains("summary"));
  return a["error"]["code"];
}

}  // namespace

TEST_CASE("reconcile_json: one location's report from its JSON", "[batch]") {
  for (int i : {0, 3, 14}) {
    const auto answer = recur::api::reconcile_json(location(i).dump());
    CHECK(answer.status == recur::api::answer_status::attention);
    CHECK(answer.json.find('\n') == std::string::npos);
    check_location_answer(json::parse(answer.json), i);
  }
  // The missing occurrence is named by its id and expected start.
  const json a = answer_of(location(3).dump());
  bool found = false;
  for (const json& item : a["items"])
    if (item["category"] == "missing") {
      found = true;
      CHECK(item["id"] == "m3_" + std::to_string(mar1 + 3 * hour + 3 * day) + "_1800");
      CHECK(item["expected_start_ms"] == mar1 + 3 * hour + 3 * day);
    }
  CHECK(found);
  // All fetched, nothing stale: clean.
  json complete = location(1);
  const std::int64_t t = mar1 + hour + day;
  json e = api_event("m1_" + std::to_string(t) + "_1800", t, 30 * minute);
  e["masterEventId"] = "m1";
  complete["events"].push_back(e);
  const auto clean = recur::api::reconcile_json(complete.dump());
  CHECK(clean.status == recur::api::answer_status::clean);
  CHECK(json::parse(clean.json)["clean"] == true);
}

TEST_CASE("reconcile_json: the bundled example gives the figures documented for it", "[batch]") {
  // cli/examples/events.json: 30 occurrences expected in the window (computed with Python's
  // zoneinfo), one moved, one missing, one duplicate, one stale, one single, four masters.
  std::ifstream in(RECUR_TEST_DATA "/../cli/examples/events.json");
  json request = {{"tz", "America/New_York"}, {"from", "2026-10-26T00:00:00-04:00"}, {"to", "2026-11-07T23:59:00-05:00"},
                  {"events", json::parse(in)["events"]}};
  const json s = answer_of(request.dump())["summary"];
  CHECK(s["fetched"] == 36);
  CHECK(s["expected"] == 30);
  CHECK(s["matched"] == 28);
  CHECK(s["moved"] == 1);
  CHECK(s["missing"] == 1);
  CHECK(s["duplicate"] == 1);
  CHECK(s["unexpected"] == 1);
  CHECK(s["single"] == 1);
  CHECK(s["master"] == 4);
}

TEST_CASE("reconcile_json: a request that cannot be reconciled is an error answer naming the field", "[batch][errors]") {
  json no_tz = location(1);
  no_tz.erase("tz");
  CHECK(error_code_of(no_tz.dump()) == "missing_part");
  json bad_zone = location(1);
  bad_zone["tz"] = "Mars/Olympus_Mons";
  CHECK(error_code_of(bad_zone.dump()) == "unknown_zone");
  CHECK_THAT(answer_of(bad_zone.dump())["error"]["message"].get<std::string>(), Catch::StartsWith("\"tz\": "));
  CHECK(answer_of(bad_zone.dump())["location"] == "loc-1");  // echoed even on error
  json events_object = location(1);
  events_object["events"] = json::object();
  CHECK(error_code_of(events_object.dump()) == "bad_value");
  json reversed = location(1);
  reversed["from"] = mar1 + day;
  reversed["to"] = mar1;
  CHECK(error_code_of(reversed.dump()) == "bad_time");
  json no_offset = location(1);
  no_offset["to"] = "2026-03-20T00:00:00";
  CHECK(error_code_of(no_offset.dump()) == "bad_time");
  json year_10000 = location(1);
  year_10000["to"] = std::int64_t{253402300800000};
  CHECK(error_code_of(year_10000.dump()) == "bad_time");
  json bad_profile = location(1);
  bad_profile["profile"] = "outlook";
  CHECK(error_code_of(bad_profile.dump()) == "bad_value");
  CHECK(error_code_of("") == "syntax");
  CHECK(error_code_of("{\"tz\": \"UTC\", \"events\": [") == "syntax");
  CHECK(error_code_of("[1, 2]") == "bad_value");
  CHECK(error_code_of(std::string(300, '[')) == "limit_exceeded");  // nesting
  recur::api::reconcile_request_options small;
  small.max_request_bytes = 100;
  CHECK(json::parse(recur::api::reconcile_json(location(1).dump(), small).json)["error"]["code"] == "limit_exceeded");
  small = {};
  small.max_missing = 0;  // location 1 misses one occurrence
  CHECK(json::parse(recur::api::reconcile_json(location(1).dump(), small).json)["error"]["code"] == "limit_exceeded");
}

TEST_CASE("reconcile_json: the window defaults to the span of the fetched events, and the profile applies", "[batch]") {
  json no_window = location(2);  // day 2 missing: the span runs from day 0 to day 9
  no_window.erase("from");
  no_window.erase("to");
  CHECK(answer_of(no_window.dump())["summary"]["missing"] == 1);
  // DTSTART (Sunday) off the rule: the RFC counts it as the first of COUNT=2 (1 and 2 March),
  // dateutil does not (2 and 9 March); the window ends on 4 March.
  json off_rule = {{"tz", "UTC"}, {"from", mar1}, {"to", mar1 + 3 * day},
                   {"events", json::array({json{{"id", "w"}, {"rrule", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2"},
                                                {"startTime", iso(mar1)}, {"endTime", iso(mar1 + hour)}}})}};
  CHECK(answer_of(off_rule.dump())["summary"]["expected"] == 2);
  off_rule["profile"] = "dateutil";
  CHECK(answer_of(off_rule.dump())["summary"]["expected"] == 1);
}

TEST_CASE("cli: reconcile --batch answers every line in input order, with one thread or two", "[cli][batch]") {
  std::string input;
  for (int i = 0; i < 300; ++i) input += location(i).dump() + "\n";
  const auto two = run_process({RECUR_CLI, "reconcile", "--batch", "-", "--jobs", "2"}, input);
  CHECK(two.exit_code == 1);  // every location misses an occurrence
  CHECK(two.err.empty());
  std::istringstream lines(two.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const json a = json::parse(line);
    CHECK(a["line"] == n + 1);
    check_location_answer(a, n);
    ++n;
  }
  CHECK(n == 300);
  const auto one = run_process({RECUR_CLI, "reconcile", "--batch", "-", "--jobs", "1"}, input);
  CHECK(one.out == two.out);
}

TEST_CASE("cli: reconcile --batch answers a bad line on its own line and goes on", "[cli][batch][errors]") {
  const std::string input = location(1).dump() + "\n" + "not json\n" + "\n" + std::string(500, 'x') + "\n" +
                            location(2).dump() + "\r\n" + location(3).dump();  // CRLF, no final newline
  const auto r = run_process({RECUR_CLI, "reconcile", "--batch", "-", "--max-line-bytes", "400"}, input);
  CHECK(r.exit_code == 2);
  std::istringstream lines(r.out);
  std::vector<json> answers;
  for (std::string line; std::getline(lines, line);) answers.push_back(json::parse(line));
  REQUIRE(answers.size() == 6);
  CHECK(answers[0]["error"]["code"] == "limit_exceeded");  // location 1's JSON is over 400 bytes
  CHECK(answers[1]["error"]["code"] == "syntax");
  CHECK(answers[2]["error"]["code"] == "syntax");  // a blank line is a line
  CHECK(answers[3]["error"]["code"] == "limit_exceeded");
  CHECK_THAT(answers[3]["error"]["message"].get<std::string>(), Catch::Contains("--max-line-bytes"));
  for (int i = 0; i < 6; ++i) CHECK(answers[i]["line"] == i + 1);
  const auto roomy = run_process({RECUR_CLI, "reconcile", "--batch", "-"}, input);
  std::istringstream roomy_lines(roomy.out);
  std::vector<json> roomy_answers;
  for (std::string line; std::getline(roomy_lines, line);) roomy_answers.push_back(json::parse(line));
  REQUIRE(roomy_answers.size() == 6);
  check_location_answer(roomy_answers[0], 1);
  check_location_answer(roomy_answers[4], 2);
  check_location_answer(roomy_answers[5], 3);
}

TEST_CASE("cli: reconcile --batch refuses the options of one location, and bad limits", "[cli][batch][errors]") {
  const auto with_tz = run_process({RECUR_CLI, "reconcile", "--batch", "-", "--tz", "UTC"}, "");
  CHECK(with_tz.exit_code == 2);
  CHECK_THAT(with_tz.err, Catch::StartsWith("recur: error: --tz describes one location"));
  CHECK(run_process({RECUR_CLI, "reconcile", "--batch", "-", "--jobs", "0"}, "").exit_code == 2);
  CHECK(run_process({RECUR_CLI, "reconcile", "--batch", "-", "--profile", "auto"}, "").exit_code == 2);
  CHECK(run_process({RECUR_CLI, "reconcile", "--batch", "/"}, "").exit_code == 2);  // a directory
  const auto device = run_process({RECUR_CLI, "reconcile", "--batch", "/dev/zero"}, "");  // endless, no newline
  CHECK(device.exit_code == 2);
  CHECK_THAT(device.err, Catch::Contains("is a device"));
  const auto jobs_alone = run_process({RECUR_CLI, "reconcile", "--events", "-", "--tz", "UTC", "--jobs", "2"}, "{}");
  CHECK(jobs_alone.exit_code == 2);
  CHECK_THAT(jobs_alone.err, Catch::Contains("--jobs applies only with --batch"));
  const auto empty = run_process({RECUR_CLI, "reconcile", "--batch", "-"}, "");
  CHECK(empty.exit_code == 0);
  CHECK(empty.out.empty());
  // Without --batch, a master that names no zone of its own (timeZone) needs --tz.
  const auto no_tz = run_process({RECUR_CLI, "reconcile", "--events", "-", "--from", "2026-01-01T00:00:00Z",
                                  "--to", "2026-01-02T00:00:00Z"},
                                 R"({"events": [{"id": "m", "rrule": "RRULE:FREQ=DAILY", "startTime": "2026-01-01T00:00:00Z",
                                                 "endTime": "2026-01-01T01:00:00Z"}]})");
  CHECK(no_tz.exit_code == 2);
  CHECK_THAT(no_tz.err, Catch::Contains("--tz is required: master 'm' names no zone"));
}

TEST_CASE("cli: the bundled batch example", "[cli][batch]") {
  const auto r = run_process({RECUR_CLI, "reconcile", "--batch", RECUR_TEST_DATA "/../cli/examples/locations.jsonl"});
  CHECK(r.exit_code == 1);
  std::istringstream lines(r.out);
  std::vector<json> answers;
  for (std::string line; std::getline(lines, line);) answers.push_back(json::parse(line));
  REQUIRE(answers.size() == 3);
  CHECK(answers[0]["summary"]["fetched"] == 36);
  CHECK(answers[1]["location"] == "chicago-office");
  CHECK(answers[2]["summary"]["fetched"] == 36);
}
