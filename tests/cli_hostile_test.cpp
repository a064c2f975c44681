// The `recur` binary given hostile or careless input: every answer is an exit code a script
// can trust and at most one printable error line, never a hang, a crash or a silent guess.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include "support/fake_api.hpp"
#include "support/run_process.hpp"

using recur::test::run_process;

namespace {

recur::test::process_result recur_cli(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), RECUR_CLI);
  return run_process(args, input);
}

std::size_t count_lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

// A file of events in the test's temporary directory.
std::string events_file(const std::string& name, const std::string& events_json) {
  const auto dir = std::filesystem::temp_directory_path() / ("recur-cli-hostile-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path) << "{\"events\": [" << events_json << "]}";
  return path;
}

std::string instance_json(const std::string& id, const std::string& master, const std::string& start,
                          const std::string& end, const std::string& user = "u1") {
  return R"({"id":")" + id + R"(","masterEventId":")" + master + R"(","isRecurring":true,"assignedUserId":")" + user +
         R"(","startTime":")" + start + R"(","endTime":")" + end + R"("})";
}

const std::vector<std::string> expand_args = {"expand", "--rrule", "RRULE:FREQ=DAILY;COUNT=2", "--start",
                                              "2026-03-01T09:00:00Z"};

std::vector<std::string> with(std::vector<std::string> base, const std::vector<std::string>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

}  // namespace

TEST_CASE("cli hostile: bytes that are not UTF-8 are escaped, not an internal error", "[cli][hostile]") {
  const auto ids = recur_cli(with(expand_args, {"--master", "\xff\xfe", "--format", "json"}));
  CHECK(ids.exit_code == 0);
  const auto parsed = nlohmann::json::parse(ids.out, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  CHECK(parsed.size() == 2);
  const std::string file =
      events_file("plain.json", instance_json("m_1772355600000_3600", "m", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z"));
  const auto free = recur_cli({"free", "--events", file, "--tz", "UTC", "--from", "2026-03-01T00:00:00Z", "--to",
                               "2026-03-02T00:00:00Z", "--key", "\xff"});
  CHECK(free.exit_code == 0);
  CHECK_FALSE(nlohmann::json::parse(free.out, nullptr, false).is_discarded());
  CHECK(free.err.find('\xff') == std::string::npos);
}

TEST_CASE("cli hostile: an error is one printable line, cut to size", "[cli][hostile]") {
  const auto forged = recur_cli(with(expand_args, {"--tz", "Evil\nrecur: error: forged"}));
  CHECK(forged.exit_code == 2);
  CHECK(count_lines(forged.err) == 1);
  const auto escape = recur_cli({"expand", "--rrule", "RRULE:FREQ=\x1b[31mred", "--start", "2026-03-01T09:00:00Z"});
  CHECK(escape.exit_code == 2);
  CHECK(escape.err.find('\x1b') == std::string::npos);
  CHECK_THAT(escape.err, Catch::Contains("\\x1b", Catch::CaseSensitive::No));
  const auto huge = recur_cli({"expand", "--rrule", "RRULE:FREQ=" + std::string(10000, 'Y'), "--start",
                               "2026-03-01T09:00:00Z"});
  CHECK(huge.exit_code == 2);
  CHECK(huge.err.size() < 1200);
  const auto long_path = recur_cli({"reconcile", "--events", "/" + std::string(10000, 'p'), "--tz", "UTC"});
  CHECK(long_path.exit_code == 2);
  CHECK(count_lines(long_path.err) == 1);
  CHECK(long_path.err.size() < 1200);
  CHECK_THAT(long_path.err, Catch::Contains("more bytes)"));
}

TEST_CASE("cli hostile: a duration past the calendar is refused", "[cli][hostile]") {
  for (const char* seconds : {"9223372036854775", "9223372036854775807", "315537897599"}) {
    INFO(seconds);
    const auto r = recur_cli(with(expand_args, {"--duration", seconds, "--format", "json"}));
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
  }
  CHECK(recur_cli(with(expand_args, {"--duration", "86400"})).exit_code == 0);
}

TEST_CASE("cli hostile: text rows keep long values whole", "[cli][hostile]") {
  const std::string long_id = "m_" + std::string(600, 'x');
  const std::string file =
      events_file("long.json", instance_json(long_id, "m", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z"));
  const auto r = recur_cli({"reconcile", "--events", file, "--tz", "UTC", "--format", "text"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains(long_id + " - "));  // the id, then its next column
}

TEST_CASE("cli hostile: IANA zone names only, and an empty one is an error everywhere", "[cli][hostile]") {
  const std::string file =
      events_file("one.json", instance_json("m_1772355600000_3600", "m", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z"));
  for (const char* zone : {"localtime", "posixrules", "Factory", "", "/etc/localtime", "right/UTC", "../UTC"}) {
    INFO("zone '" << zone << "'");
    CHECK(recur_cli(with(expand_args, {"--tz", zone})).exit_code == 2);
    CHECK(recur_cli({"reconcile", "--events", file, "--tz", zone}).exit_code == 2);
    CHECK(recur_cli({"reconcile", "--events", file, "--tz", "UTC", "--assume-tz", zone}).exit_code == 2);
  }
  CHECK(recur_cli(with(expand_args, {"--tz", "Etc/GMT+5"})).exit_code == 0);
}

TEST_CASE("cli hostile: silent wrong answers become warnings or named mistakes", "[cli][hostile]") {
  const auto seconds = recur_cli(with(expand_args, {"--from", "1772500000", "--to", "1772600000"}));
  CHECK_THAT(seconds.err, Catch::Contains("is read as epoch milliseconds"));
  CHECK_THAT(seconds.err, Catch::Contains("write 1772500000000"));
  CHECK(recur_cli(with(expand_args, {"--from", "1772500000000"})).err.empty());

  const std::string file =
      events_file("key.json", instance_json("m_1772355600000_3600", "m", "2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z"));
  const auto nobody = recur_cli({"free", "--events", file, "--tz", "UTC", "--from", "2026-03-01T00:00:00Z", "--to",
                                 "2026-03-02T00:00:00Z", "--key", "nobody"});
  CHECK(nobody.exit_code == 0);
  CHECK_THAT(nobody.err, Catch::Contains("--key 'nobody' matches no event"));

  const auto option = recur_cli({"expand", "--rule", "FREQ=DAILY", "--start", "2026-03-01T09:00:00Z"});
  CHECK(option.exit_code == 2);
  CHECK_THAT(option.err, Catch::Contains("unknown option '--rule'; did you mean --rrule?"));
  const auto command = recur_cli({"expnd", "--rrule", "FREQ=DAILY"});
  CHECK(command.exit_code == 2);
  CHECK_THAT(command.err, Catch::Contains("unknown command 'expnd'; did you mean expand?"));
}

TEST_CASE("cli hostile: inputs are read to a limit, directories and devices are named", "[cli][hostile]") {
  setenv("RECUR_MAX_INPUT_BYTES", "1000000", 1);
  const auto zero = recur_cli({"reconcile", "--events", "/dev/zero", "--tz", "UTC"});
  CHECK(zero.exit_code == 2);
  CHECK_THAT(zero.err, Catch::Contains("larger than the input limit of 1000000 bytes (RECUR_MAX_INPUT_BYTES)"));
  const auto piped = recur_cli({"reconcile", "--events", "-", "--tz", "UTC"}, std::string(1000001, ' '));
  CHECK(piped.exit_code == 2);
  unsetenv("RECUR_MAX_INPUT_BYTES");
  const auto dir = recur_cli({"reconcile", "--events", "/tmp", "--tz", "UTC"});
  CHECK(dir.exit_code == 2);
  CHECK_THAT(dir.err, Catch::Contains("'/tmp' is a directory"));
  const char* saved = std::getenv("GHL_TOKEN");
  const std::string saved_value = saved ? saved : "";
  unsetenv("GHL_TOKEN");
  for (const char* token_file : {"/dev/zero", "/tmp"}) {
    const auto r = recur_cli({"fetch", "--location", "L", "--calendar", "C", "--from", "2026-03-01T00:00:00Z", "--to",
                              "2026-03-02T00:00:00Z", "--base-url", "http://127.0.0.1:9", "--token-file", token_file});
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.err, Catch::Contains("NoToken"));
  }
  if (saved) setenv("GHL_TOKEN", saved_value.c_str(), 1);
}

TEST_CASE("cli hostile: what would exhaust memory stops at a named limit", "[cli][hostile][limits]") {
  // A MINUTELY master and two instances 30 years apart: the window they span holds 15.8 M.
  const std::string master = R"({"id":"m","rrule":"RRULE:FREQ=MINUTELY","startTime":"2026-03-01T09:00:00Z",)"
                             R"("endTime":"2026-03-01T09:01:00Z","assignedUserId":"u1"})";
  const std::string file = events_file(
      "minutely.json", master + "," + instance_json("m_1772355600000_60", "m", "2026-03-01T09:00:00Z", "2026-03-01T09:01:00Z") +
                           "," +
                           instance_json("m_2718435600000_60", "m", "2056-02-22T09:00:00Z", "2056-02-22T09:01:00Z"));
  const auto r = recur_cli({"reconcile", "--events", file, "--tz", "UTC"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("more than 200000 expected occurrences are missing"));
  CHECK_THAT(r.err, Catch::Contains("--max-missing"));
  const auto raised = recur_cli({"reconcile", "--events", file, "--tz", "UTC", "--from", "2026-03-01T09:00:00Z",
                                 "--to", "2026-03-01T10:00:00Z", "--max-missing", "100"});
  CHECK(raised.exit_code == 1);
  CHECK(nlohmann::json::parse(raised.out)["summary"]["missing"] == 60);  // 09:01 .. 10:00, 09:00 fetched

  const auto slots = recur_cli({"free", "--events", file, "--tz", "UTC", "--from", "2026-01-01T00:00:00Z", "--to",
                                "2027-01-01T00:00:00Z", "--key", "nobody", "--slot", "1s"});
  CHECK(slots.exit_code == 2);
  CHECK_THAT(slots.err, Catch::Contains("more than 200000 bookable slots"));
  CHECK_THAT(slots.err, Catch::Contains("--max-items"));
  // Over all time: back-to-back minutes merge into one busy interval, so the occurrences
  // swept are what is bounded; with gaps, the intervals are.
  const auto all_time = recur_cli({"free", "--events", file, "--tz", "UTC", "--from", "0001-01-01T00:00:00Z", "--to",
                                   "9999-12-31T00:00:00Z", "--key", "u1"});
  CHECK(all_time.exit_code == 2);
  CHECK_THAT(all_time.err, Catch::Contains("occurrences in the window (the limit schedule_limits::max_occurrences)"));
  const std::string gaps = events_file(
      "gaps.json", R"({"id":"g","rrule":"RRULE:FREQ=MINUTELY;INTERVAL=2","startTime":"2026-03-01T09:00:00Z",)"
                   R"("endTime":"2026-03-01T09:01:00Z","assignedUserId":"u1"})");
  const auto busy = recur_cli({"free", "--events", gaps, "--tz", "UTC", "--from", "2026-03-01T00:00:00Z", "--to",
                               "2027-03-01T00:00:00Z", "--key", "u1"});
  CHECK(busy.exit_code == 2);
  CHECK_THAT(busy.err, Catch::Contains("more than 200000 busy intervals for one key"));
}

TEST_CASE("cli hostile: nothing is sent for a range, URL or id the client refuses", "[cli][hostile][api]") {
  setenv("GHL_TOKEN", "cli-hostile-token", 1);
  const std::vector<std::string> where = {"fetch", "--location", "L", "--calendar", "C"};
  const auto overflow = recur_cli(with(where, {"--from", "9223372036854775000", "--to", "9223372036854775807",
                                               "--base-url", "http://127.0.0.1:9"}));
  CHECK(overflow.exit_code == 2);
  CHECK_THAT(overflow.err, Catch::Contains("years 1..9999"));
  const auto file = recur_cli(with(where, {"--from", "2026-03-01T00:00:00Z", "--to", "2026-03-02T00:00:00Z",
                                           "--base-url", "file:///etc"}));
  CHECK(file.exit_code == 2);
  CHECK_THAT(file.err, Catch::Contains("http:// or https://"));
  unsetenv("GHL_TOKEN");
}

TEST_CASE("cli hostile: --deadline covers the command, --max-masters caps the master fetches", "[cli][hostile][api]") {
  std::ifstream in(RECUR_TEST_DATA "/../cli/examples/events.json");
  const std::string fixture((std::istreambuf_iterator<char>(in)), {});
  const std::string token = "deadline-token-0123456789";
  recur::test::fake_api api(token, fixture);
  setenv("GHL_TOKEN", token.c_str(), 1);
  for (int i = 0; i < 10; ++i) api.inject({429, R"({"message":"slow down"})", {{"Retry-After", "2"}}, 0, false, 0});
  const std::vector<std::string> where = {"--location", "0007BWpSzSwfiuSl0tR2", "--calendar", "BqTwX8QFwXzpegMve9EQ",
                                          "--base-url", api.base_url(), "--from", "2026-10-26T00:00:00-04:00",
                                          "--to", "2026-11-07T23:59:00-05:00"};
  // The server asks for 2 s; one second is left: fail now as RateLimited, not retry early.
  const auto limited = recur_cli(with(with({"fetch"}, where), {"--deadline", "1"}));
  CHECK(limited.exit_code == 3);
  CHECK_THAT(limited.err, Catch::Contains("RateLimited"));
  CHECK(api.requests().size() == 1);

  recur::test::fake_api calm(token, fixture);
  std::vector<std::string> at_calm = where;
  at_calm[5] = calm.base_url();
  const auto capped = recur_cli(with(with({"reconcile", "--tz", "America/New_York"}, at_calm), {"--max-masters", "1"}));
  CHECK(capped.exit_code == 2);
  CHECK_THAT(capped.err, Catch::Contains("masters to fetch, more than 1 (--max-masters)"));
  unsetenv("GHL_TOKEN");
}
