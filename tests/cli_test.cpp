// The `recur` binary: the expand contract other tools depend on, exit codes, error lines.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>

#include "support/fake_api.hpp"
#include "support/run_process.hpp"

using recur::test::run_process;

namespace {
recur::test::process_result recur_cli(std::vector<std::string> args) {
  args.insert(args.begin(), RECUR_CLI);
  return run_process(args);
}

std::size_t count_lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }
}  // namespace

TEST_CASE("cli: expand prints instance ids", "[cli]") {
  // 2024-10-25T02:00:00Z = 1729821600000, the API documentation's id; weekly, 30 minutes.
  const auto r = recur_cli({"expand", "--rrule", "RRULE:FREQ=WEEKLY;COUNT=3", "--start", "2024-10-24T22:00:00-04:00",
                            "--tz", "America/New_York", "--duration", "1800", "--master", "ocQHyuzHvysMo5N5VsXc",
                            "--format", "ids"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  // 2024-10-31 22:00 EDT = 02:00Z Nov 1; 2024-11-07 22:00 EST = 03:00Z Nov 8 (DST ended Nov 3).
  CHECK(r.out ==
        "ocQHyuzHvysMo5N5VsXc_1729821600000_1800\n"
        "ocQHyuzHvysMo5N5VsXc_1730426400000_1800\n"
        "ocQHyuzHvysMo5N5VsXc_1731034800000_1800\n");
}

TEST_CASE("cli: expand --format json carries times in the event's zone", "[cli]") {
  const auto r = recur_cli({"expand", "--rrule", "FREQ=DAILY;COUNT=2", "--start", "2026-03-07T09:00:00-05:00", "--tz",
                            "America/New_York", "--end", "2026-03-07T09:45:00-05:00", "--master", "m1", "--format",
                            "json"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["id"] == "m1_1772892000000_2700");
  CHECK(j[0]["startTime"] == "2026-03-07T09:00:00-05:00");
  CHECK(j[0]["endTime"] == "2026-03-07T09:45:00-05:00");
  CHECK(j[1]["startTime"] == "2026-03-08T09:00:00-04:00");  // after the spring-forward change
  const auto no_master = recur_cli({"expand", "--rrule", "FREQ=DAILY;COUNT=1", "--start", "2026-03-07T09:00:00Z",
                                    "--format", "json"});
  CHECK(nlohmann::json::parse(no_master.out)[0]["id"].is_null());
}

TEST_CASE("cli: a long listing comes out whole in every format across the output block's refills and growth",
          "[cli]") {
  // Ten days of minutes: 14,400 lines, from 216 KB (ms) to over 1.5 MB (json), past the
  // megabyte after which the output block grows. Each line is computed here:
  // 2026-01-01T00:00Z is 1767225600000, plus a minute a line.
  const std::vector<std::string> base{"expand", "--rrule", "FREQ=MINUTELY;COUNT=14400", "--start",
                                      "2026-01-01T00:00:00Z", "--duration", "60", "--master", "m1", "--format"};
  const auto run = [&](const char* format) {
    std::vector<std::string> args = base;
    args.push_back(format);
    const auto r = recur_cli(args);
    CHECK(r.exit_code == 0);
    return r.out;
  };
  const std::int64_t first = 1767225600000;
  std::string ms, ids;
  for (std::int64_t k = 0; k < 14400; ++k) {
    ms += std::to_string(first + 60000 * k) + "\n";
    ids += "m1_" + std::to_string(first + 60000 * k) + "_60\n";
  }
  CHECK(run("ms") == ms);
  CHECK(run("ids") == ids);
  const auto json = nlohmann::json::parse(run("json"));
  REQUIRE(json.size() == 14400);
  CHECK(json[0]["startTime"] == "2026-01-01T00:00:00+00:00");  // the fixed offset of --start
  CHECK(json[14399]["startTime"] == "2026-01-10T23:59:00+00:00");
  std::size_t wrong_ids = 0;
  for (std::size_t k = 0; k < json.size(); ++k)
    wrong_ids += json[k]["id"] != "m1_" + std::to_string(first + 60000 * static_cast<std::int64_t>(k)) + "_60";
  CHECK(wrong_ids == 0);
}

TEST_CASE("cli: expand --format json escapes the master id and keeps milliseconds and odd offsets", "[cli]") {
  // The writer builds each line itself (no JSON object per occurrence): what it writes must be
  // the JSON a JSON library reads back to the same strings.
  const std::string master = "m\"q\\b\tc\u00e9";  // quote, backslash, tab, e-acute
  const auto r = recur_cli({"expand", "--rrule", "FREQ=DAILY;COUNT=2", "--start", "2026-03-07T09:00:00.250-05:00",
                            "--tz", "Asia/Kathmandu", "--duration", "60", "--master", master, "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["id"] == master + "_1772892000250_60");
  CHECK(j[0]["startTime"] == "2026-03-07T19:45:00.250+05:45");  // 14:00:00.250Z at +05:45
  CHECK(j[0]["endTime"] == "2026-03-07T19:46:00.250+05:45");
  CHECK(j[1]["startTime"] == "2026-03-08T19:45:00.250+05:45");
  const auto lmt = recur_cli({"expand", "--rrule", "FREQ=YEARLY;COUNT=1", "--start", "1890-06-01T12:00:00Z", "--tz",
                              "Europe/Amsterdam", "--format", "json"});
  REQUIRE(lmt.exit_code == 0);  // Amsterdam's local mean time then: +00:19:32
  CHECK(nlohmann::json::parse(lmt.out)[0]["startTime"] == "1890-06-01T12:19:32+00:19:32");
}

TEST_CASE("cli: windows accept epoch ms (also negative) and ISO 8601", "[cli]") {
  const auto ms = recur_cli({"expand", "--rrule", "FREQ=YEARLY", "--start", "1900-01-01T00:00:00Z", "--from",
                             "-2208988800000", "--to", "-2145916800000"});
  CHECK(ms.exit_code == 0);
  CHECK(ms.out == "-2208988800000\n-2177452800000\n-2145916800000\n");
  const auto iso = recur_cli({"expand", "--rrule", "FREQ=YEARLY", "--start", "1900-01-01T00:00:00Z", "--from",
                              "1900-01-01T00:00:00Z", "--to", "1902-01-01T00:00:00+00:00"});
  CHECK(iso.out == ms.out);
}

TEST_CASE("cli: --limit caps the output and says so on stderr", "[cli]") {
  const auto r = recur_cli({"expand", "--rrule", "FREQ=DAILY", "--start", "2026-01-01T00:00:00Z", "--limit", "5"});
  CHECK(r.exit_code == 0);
  CHECK(count_lines(r.out) == 5);
  CHECK_THAT(r.err, Catch::Contains("stopped after --limit 5"));
}

TEST_CASE("cli: invalid input exits 2 with one line naming the problem", "[cli][errors]") {
  struct bad {
    std::vector<std::string> args;
    const char* message;
  };
  const std::vector<bad> cases = {
      {{"expand", "--rrule", "FREQ=DAILY;BYHOUR=24", "--start", "2026-01-01T00:00:00Z", "--to", "0"},
       "recur: error: --rrule: BYHOUR value 24 is out of range (0..23)\n"},
      {{"expand", "--rrule", "FREQ=DAILY", "--start", "2026-01-01T00:00:00Z"},
       "recur: error: the rule has no COUNT or UNTIL, so the series never ends: give --to or --limit\n"},
      {{"expand", "--rrule", "FREQ=DAILY;COUNT=2", "--start", "2026-01-01T00:00:00Z", "--tz", "Mars/Base"},
       "recur: error: --tz: unknown time zone 'Mars/Base' (not in the IANA tz database)\n"},
      {{"expand", "--rrule", "FREQ=DAILY;COUNT=2", "--start", "2026-02-30T00:00:00Z"},
       "recur: error: --start: date-time '2026-02-30T00:00:00Z': no such date (expected "
       "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM))\n"},
      {{"expand", "--rrule", "FREQ=DAILY;COUNT=2", "--start", "2026-01-01T00:00:00"},
       "recur: error: --start 2026-01-01T00:00:00 has no UTC offset: add one (e.g. Z or -04:00) or give --tz\n"},
      {{"expand", "--rrule", "FREQ=DAILY;COUNT=2", "--start", "2026-01-01T00:00:00Z", "--format", "ids"},
       "recur: error: --format ids needs --master ID\n"},
      {{"expand", "--rrule", "FREQ=DAILY;COUNT=2", "--start", "2026-01-01T00:00:00Z", "--from", "10", "--to", "5"},
       "recur: error: --from 10 is after --to 5\n"},
      {{"expand", "--rrule", "FREQ=DAILY;COUNT=2", "--start", "2026-01-01T00:00:00Z", "--from", "yesterday"},
       "recur: error: --from: expected epoch milliseconds or date-time 'yesterday': the date is not YYYY-MM-DD "
       "(expected YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM))\n"},
      {{"expand", "--rrule", "FREQ=DAILY;COUNT=2", "--start", "2026-01-01T10:00:00Z", "--end", "2026-01-01T09:00:00Z"},
       "recur: error: --end 2026-01-01T09:00:00Z is before --start 2026-01-01T10:00:00Z\n"},
  };
  for (const bad& c : cases) {
    INFO(c.args[2]);
    const auto r = recur_cli(c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == c.message);
  }
  const auto missing = recur_cli({"expand", "--start", "2026-01-01T00:00:00Z"});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("--rrule is required"));
  CHECK(count_lines(missing.err) == 1);
  const auto unknown = recur_cli({"frobnicate"});
  CHECK(unknown.exit_code == 2);
}

TEST_CASE("cli: --lenient ignores forbidden parts with a warning", "[cli]") {
  const std::vector<std::string> args = {"expand", "--rrule", "FREQ=WEEKLY;BYDAY=1MO;COUNT=2", "--start",
                                         "2026-03-02T09:00:00Z"};
  CHECK(recur_cli(args).exit_code == 2);
  auto lenient = args;
  lenient.push_back("--lenient");
  const auto r = recur_cli(lenient);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "1772442000000\n1773046800000\n");
  CHECK(r.err == "recur: warning: BYDAY ordinals such as 1 are not allowed with FREQ=WEEKLY; ignored (lenient)\n");
}

TEST_CASE("cli: --help documents the options and --version names tzdata", "[cli]") {
  const auto help = recur_cli({"expand", "--help"});
  CHECK(help.exit_code == 0);
  for (const char* option : {"--rrule", "--start", "--tz", "--duration", "--end", "--from", "--to", "--master",
                             "--format", "--limit", "--lenient", "--gap"})
    CHECK_THAT(help.out, Catch::Contains(option));
  const auto version = recur_cli({"--version"});
  CHECK(version.exit_code == 0);
  CHECK_THAT(version.out, Catch::Contains("tzdata"));
}

TEST_CASE("cli: validate prints one line per id and exits 1 when any is invalid", "[cli][validate]") {
  // Daily at 09:00Z from 2026-03-01 (1772355600000), 5 occurrences, 30 minutes.
  const std::vector<std::string> base = {RECUR_CLI, "validate", "--rrule", "RRULE:FREQ=DAILY;COUNT=5",
                                         "--start", "2026-03-01T09:00:00Z", "--duration", "1800", "--master", "m"};
  auto args = base;
  args.push_back("m_1772442000000_1800");  // 2026-03-02T09:00Z
  const auto ok = run_process(args);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == "m_1772442000000_1800\tvalid\n");
  const auto mixed = run_process(base, "m_1772442000000_1800\nm_1772445600000_1800\n\nbogus\n");
  CHECK(mixed.exit_code == 1);
  CHECK(mixed.out ==
        "m_1772442000000_1800\tvalid\n"
        "m_1772445600000_1800\tinvalid\tnot_on_rule: the series has no occurrence starting 2026-03-02T10:00:00+00:00 "
        "(the next one starts 2026-03-03T09:00:00+00:00)\n"
        "bogus\tinvalid\tmalformed_id: instance id 'bogus' has no '_' separators (expected "
        "masterId_startMillis_durationSeconds)\n");
  auto no_master = base;
  no_master.erase(no_master.end() - 2, no_master.end());
  CHECK(run_process(no_master).exit_code == 2);
}

TEST_CASE("cli: reconcile on the bundled example response", "[cli][reconcile]") {
  // cli/examples/events.json was generated with Python's zoneinfo (30 occurrences expected in
  // the window) and then given one moved, one missing, one duplicate, one cancelled and one
  // stale occurrence, one non-recurring event, and the four master rows.
  const auto r = run_process({RECUR_CLI, "reconcile", "--events", RECUR_TEST_DATA "/../cli/examples/events.json", "--tz",
                              "America/New_York", "--from", "2026-10-26T00:00:00-04:00", "--to",
                              "2026-11-07T23:59:00-05:00"});
  CHECK(r.exit_code == 1);
  const auto j = nlohmann::json::parse(r.out);
  const auto& s = j["summary"];
  CHECK(s["fetched"] == 36);
  CHECK(s["expected"] == 30);
  CHECK(s["moved"] == 1);
  CHECK(s["missing"] == 1);
  CHECK(s["duplicate"] == 1);
  CHECK(s["unexpected"] == 1);
  CHECK(s["single"] == 1);
  CHECK(s["master"] == 4);
  CHECK(s["cancelled"] == 1);
  CHECK(s["matched"] == 28);
  CHECK(s["malformed"] == 0);
  CHECK(s["orphan"] == 0);
  for (const auto& item : j["items"])
    if (item["category"] == "moved") {
      CHECK(item["expected_start"] == "2026-10-27T18:00:00+00:00");
      CHECK(item["actual_start"] == "2026-10-27T20:00:00+00:00");
    }
  const auto text = run_process({RECUR_CLI, "reconcile", "--events", RECUR_TEST_DATA "/../cli/examples/events.json",
                                 "--tz", "America/New_York", "--format", "text"});
  CHECK(text.exit_code == 1);
  CHECK_THAT(text.out, Catch::StartsWith("CATEGORY"));
  CHECK_THAT(text.out, Catch::Contains("fetched 36, expected 30"));
  const auto missing_file = run_process({RECUR_CLI, "reconcile", "--events", "/nonexistent.json", "--tz", "UTC"});
  CHECK(missing_file.exit_code == 2);
  CHECK(missing_file.err == "recur: error: cannot read '/nonexistent.json'\n");
}

TEST_CASE("cli: fetch and reconcile a multi-series location from the (fake) API", "[cli][api][e2e]") {
  std::ifstream in(RECUR_TEST_DATA "/../cli/examples/events.json");
  const std::string fixture((std::istreambuf_iterator<char>(in)), {});
  const std::string token = "e2e-TOKEN-0123456789";
  recur::test::fake_api api(token, fixture);
  setenv("GHL_TOKEN", token.c_str(), 1);
  const std::vector<std::string> where = {"--location", "0007BWpSzSwfiuSl0tR2", "--calendar", "BqTwX8QFwXzpegMve9EQ",
                                          "--base-url", api.base_url(), "--from", "2026-10-26T00:00:00-04:00",
                                          "--to", "2026-11-07T23:59:00-05:00"};
  std::vector<std::string> fetch = {RECUR_CLI, "fetch", "--verbose"};
  fetch.insert(fetch.end(), where.begin(), where.end());
  const auto fetched = run_process(fetch);
  CHECK(fetched.exit_code == 0);
  CHECK(nlohmann::json::parse(fetched.out)["events"].size() == 32);  // the repeated event too
  CHECK_THAT(fetched.err, Catch::Contains("GET /calendars/events?locationId=0007BWpSzSwfiuSl0tR2"));
  CHECK(fetched.err.find(token) == std::string::npos);
  CHECK(fetched.out.find(token) == std::string::npos);

  std::vector<std::string> reconcile = {RECUR_CLI, "reconcile", "--tz", "America/New_York", "--verbose"};
  reconcile.insert(reconcile.end(), where.begin(), where.end());
  const auto r = run_process(reconcile);
  CHECK(r.exit_code == 1);
  const auto s = nlohmann::json::parse(r.out)["summary"];
  // The same planted discrepancies as the file-based test; the masters came from the API by id.
  CHECK(s["expected"] == 30);
  CHECK(s["matched"] == 28);
  CHECK(s["moved"] == 1);
  CHECK(s["missing"] == 1);
  CHECK(s["unexpected"] == 1);
  CHECK(s["single"] == 1);
  CHECK(s["master"] == 0);  // masters are not in the list response; they were fetched by id
  CHECK(s["duplicate"] == 1);  // as reconcile --events says of the same body: the client drops no copy
  CHECK_THAT(r.err, Catch::Contains("GET /calendars/events/appointments/weeklyReviewTuTh0002"));
  CHECK(r.err.find(token) == std::string::npos);

  setenv("GHL_TOKEN", "wrong-token", 1);
  const auto denied = run_process(fetch);
  CHECK(denied.exit_code == 3);
  CHECK_THAT(denied.err, Catch::EndsWith("\nrecur: error: Unauthorized (HTTP 401): Invalid token: access token is invalid\n"));
  unsetenv("GHL_TOKEN");
  const auto no_token = run_process(fetch);
  CHECK(no_token.exit_code == 3);
  CHECK_THAT(no_token.err, Catch::EndsWith("recur: error: NoToken: no access token: set GHL_TOKEN or pass --token-file FILE\n"));
  setenv("GHL_TOKEN", token.c_str(), 1);
  std::vector<std::string> unreachable = fetch;
  unreachable[std::find(unreachable.begin(), unreachable.end(), api.base_url()) - unreachable.begin()] =
      "http://127.0.0.1:1";
  unreachable.push_back("--retries");
  unreachable.push_back("0");
  const auto down = run_process(unreachable);
  CHECK(down.exit_code == 4);
  CHECK_THAT(down.err, Catch::Contains("recur: error: Transport: "));
  unsetenv("GHL_TOKEN");
}

TEST_CASE("cli: conflicts and free on the bundled calendar", "[cli][schedule]") {
  // cli/examples/calendar.json: alice's dentist (08:30-09:30 Wed Nov 11) overlaps the 09:00
  // standup; the Thursday room bookings overlap 14:30-15:00 twice; a cancelled call, a
  // cancelled standup and a back-to-back prep do not conflict.
  const std::string file = RECUR_TEST_DATA "/../cli/examples/calendar.json";
  const std::vector<std::string> base = {RECUR_CLI, "conflicts", "--events", file, "--tz", "America/Chicago", "--from",
                                         "2026-11-02T00:00:00-06:00", "--to", "2026-11-15T00:00:00-06:00"};
  const auto users = run_process(base);
  CHECK(users.exit_code == 1);
  const auto j = nlohmann::json::parse(users.out);
  REQUIRE(j["count"] == 1);
  CHECK(j["conflicts"][0]["a"] == "dentistAlice00000005");
  CHECK(j["conflicts"][0]["b"] == "standupDaily00000001_1794409200000_900");  // 2026-11-11T15:00Z
  CHECK(j["conflicts"][0]["key"] == "alice");
  CHECK(j["conflicts"][0]["overlap_start_ms"] == 1794409200000);
  CHECK(j["conflicts"][0]["overlap_end_ms"] == 1794410100000);
  auto rooms = base;
  rooms.insert(rooms.end(), {"--by", "resource"});
  const auto r = run_process(rooms);
  CHECK(r.exit_code == 1);
  CHECK(nlohmann::json::parse(r.out)["count"] == 2);
  const std::vector<std::string> calendars = {RECUR_CLI, "conflicts", "--events", file, "--tz", "America/Chicago",
                                              "--by", "calendar", "--from", "2026-11-16T00:00:00-06:00", "--to",
                                              "2026-11-17T00:00:00-06:00"};
  const auto none = run_process(calendars);
  CHECK(none.exit_code == 0);
  CHECK(nlohmann::json::parse(none.out)["count"] == 0);

  const auto free = run_process({RECUR_CLI, "free", "--events", file, "--tz", "America/Chicago", "--from",
                                 "2026-11-10T00:00:00-06:00", "--to", "2026-11-11T00:00:00-06:00", "--key", "alice",
                                 "--hours", "Mon-Fri 09:00-17:00", "--slot", "1h", "--step", "30m"});
  CHECK(free.exit_code == 0);
  const auto f = nlohmann::json::parse(free.out);
  // Tuesday Nov 10: busy only with the 09:00-09:15 standup; free 09:15-17:00; one-hour slots on
  // the half-hour grid from 09:30 to 16:00.
  REQUIRE(f["busy"].size() == 1);
  CHECK(f["busy"][0]["start"] == "2026-11-10T09:00:00-06:00");
  REQUIRE(f["free"].size() == 1);
  CHECK(f["free"][0]["start"] == "2026-11-10T09:15:00-06:00");
  CHECK(f["slots"].size() == 14);
  CHECK(f["slots"][0]["start"] == "2026-11-10T09:30:00-06:00");
  CHECK(f["slots"][13]["start"] == "2026-11-10T16:00:00-06:00");
  const auto bad_hours = run_process({RECUR_CLI, "free", "--events", file, "--tz", "America/Chicago", "--from", "0", "--to",
                                      "1", "--key", "alice", "--hours", "weekdays"});
  CHECK(bad_hours.exit_code == 2);
  CHECK_THAT(bad_hours.err, Catch::StartsWith("recur: error: --hours: working hours 'weekdays'"));
}

#ifdef RECUR_STATIC_CLI
// The start-up promise (README "Benchmarks"): `recur` is linked statically, so the dynamic
// loader does not run for it, and it hands the commands that load libcurl or the iCalendar
// module to recur-full (cli/full_runtime.hpp), with the same arguments, stdin and exit status.
TEST_CASE("cli: the static recur starts without the dynamic loader and hands iCalendar work to recur-full", "[cli]") {
  // 2026-03-01T09:00:00Z = 1772355600000 ms (Python's datetime).
  auto r = run_process({"/usr/bin/env", "LD_DEBUG=libs", RECUR_CLI, "expand", "--rrule", "FREQ=DAILY;COUNT=1", "--start",
                        "2026-03-01T09:00:00Z"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "1772355600000\n");
  CHECK(r.err.empty());  // LD_DEBUG is read only by the dynamic loader
  // Through stdin: the same events JSON as recur-full gives for the file itself.
  std::ifstream file(std::string(RECUR_SOURCE_DIR) + "/cli/examples/calendar.ics", std::ios::binary);
  const std::string ics((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const auto piped = run_process({RECUR_CLI, "ics", "import", "-"}, ics);
  const auto direct = run_process({RECUR_CLI_FULL, "ics", "import", std::string(RECUR_SOURCE_DIR) + "/cli/examples/calendar.ics"});
  REQUIRE(piped.exit_code == 0);
  CHECK(nlohmann::json::parse(piped.out)["events"].size() == 5);  // the file's 5 VEVENTs
  CHECK(piped.out == direct.out);
  // A bad file's exit status and message come back unchanged.
  const auto bad = run_process({RECUR_CLI, "ics", "import", "-"}, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::StartsWith("recur: error: stdin"));
}

TEST_CASE("cli: a static recur without its recur-full runs the rest and names what is missing", "[cli]") {
  const auto dir = std::filesystem::temp_directory_path() / ("recur-lone-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(RECUR_CLI, dir / "recur", std::filesystem::copy_options::overwrite_existing);
  const std::string lone = (dir / "recur").string();
  const auto expanded = run_process({lone, "expand", "--rrule", "FREQ=DAILY;COUNT=1", "--start", "2026-03-01T09:00:00Z"});
  CHECK(expanded.exit_code == 0);
  CHECK(expanded.out == "1772355600000\n");
  const std::vector<std::string> fetch = {lone, "fetch", "--location", "L", "--calendar", "C", "--from",
                                          "2026-01-01T00:00:00Z", "--to", "2026-01-02T00:00:00Z"};
  const auto fetched = run_process(fetch);
  CHECK(fetched.exit_code == 70);
  CHECK(fetched.out.empty());
  CHECK_THAT(fetched.err, Catch::Contains("needs recur-full") && Catch::Contains((dir / "recur-full").string()));
  // A static recur where recur-full belongs runs once more, then stops: it never execs itself.
  std::filesystem::copy_file(RECUR_CLI, dir / "recur-full");
  const auto looped = run_process(fetch);
  CHECK(looped.exit_code == 70);
  CHECK_THAT(looped.err, Catch::Contains("needs recur-full"));
  std::filesystem::remove_all(dir);
}
#endif
