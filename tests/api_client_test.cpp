// The API client against a real HTTP server on loopback (support/fake_api): every error
// class, retries and throttle with an injected clock, window splitting, and the token kept out
// of every output.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "recur/api/client.hpp"
#include "support/fake_api.hpp"

using namespace recur;
using namespace recur::api;
using recur::test::fake_api;
using recur::test::injected_response;

namespace {

const std::string token = "tok-SECRET-9c48df2694a849b6";

std::string fixture() {
  std::ifstream in(RECUR_TEST_DATA "/../cli/examples/events.json");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A client whose clock only moves when it sleeps, so retries and the throttle cost no time.
struct test_client {
  std::chrono::steady_clock::time_point now{};
  std::vector<long long> sleeps;
  std::vector<std::string> log;
  client c;
  explicit test_client(const fake_api& api, client_config config = {})
      : c([&] {
          config.base_url = api.base_url();
          config.token = token;
          config.jitter_seed = 7;
          config.backoff_base = std::chrono::milliseconds(100);
          config.now = [this] { return now; };
          config.sleep = [this](std::chrono::milliseconds d) {
            sleeps.push_back(d.count());
            now += d;
          };
          config.log = [this](const std::string& line) { log.push_back(line); };
          return config;
        }()) {}
};

events_query october() {
  events_query q;
  q.location_id = "0007BWpSzSwfiuSl0tR2";
  q.calendar_id = "BqTwX8QFwXzpegMve9EQ";
  q.start = from_unix_ms(1793001600000);  // 2026-10-26T04:00Z
  q.end = from_unix_ms(1794095999000);    // 2026-11-07T23:59:59Z
  return q;
}

}  // namespace

TEST_CASE("api client: lists a window with the documented request", "[api]") {
  fake_api api(token, fixture());
  test_client t(api);
  auto r = t.c.list_events(october());
  REQUIRE(r.ok());
  // The example's 36 events less the 4 masters (served by id); its repeated event is kept
  // (within one window nothing is dropped: reconcile judges the copies).
  CHECK(r.value().events.size() == 32);
  REQUIRE(r.value().windows.size() == 1);
  CHECK(r.value().windows[0].events == 32);
  const auto requests = api.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].path == "/calendars/events");
  CHECK(requests[0].params.at("locationId") == "0007BWpSzSwfiuSl0tR2");
  CHECK(requests[0].params.at("calendarId") == "BqTwX8QFwXzpegMve9EQ");
  CHECK(requests[0].params.at("startTime") == "1793001600000");
  CHECK(requests[0].headers.at("Authorization") == "Bearer " + token);
  CHECK(requests[0].headers.at("Version") == "2021-04-15");
  CHECK(requests[0].headers.at("Accept") == "application/json");
  CHECK_THAT(requests[0].headers.at("User-Agent"), Catch::StartsWith("recur/"));
  auto master = t.c.get_event("weeklyReviewTuTh0002");
  REQUIRE(master.ok());
  CHECK(master.value().rrule == "RRULE:FREQ=WEEKLY;BYDAY=TU,TH");
}

TEST_CASE("api client: refuses bad queries before sending", "[api]") {
  fake_api api(token, fixture());
  test_client t(api);
  events_query q = october();
  q.location_id.clear();
  CHECK(t.c.list_events(q).err().kind == error_kind::invalid_request);
  q = october();
  q.calendar_id.clear();
  CHECK(t.c.list_events(q).err().message == "one of calendarId, groupId or userId is required");
  q = october();
  std::swap(q.start, q.end);
  CHECK(t.c.list_events(q).err().message == "startTime is after endTime");
  CHECK(api.requests().empty());
  CHECK(url_encode("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9");
}

TEST_CASE("api client: long ranges are split into 31-day windows, merged and de-duplicated", "[api]") {
  fake_api api(token, fixture());
  test_client t(api);
  events_query q = october();
  q.start = from_unix_ms(1788220800000);  // 2026-09-01T00:00Z
  q.end = from_unix_ms(1796083200000);    // 2026-12-01T00:00Z: 91 days
  auto r = t.c.list_events(q);
  REQUIRE(r.ok());
  REQUIRE(r.value().windows.size() == 3);
  instant expect_from = q.start;
  for (const covered_window& w : r.value().windows) {
    CHECK(w.start == expect_from);
    CHECK(w.end - w.start < std::chrono::hours(24 * 31));
    expect_from = w.end + milliseconds(1);
  }
  CHECK(r.value().windows.back().end == q.end);
  const std::size_t unique = r.value().events.size();
  std::size_t listed = 0;
  for (const covered_window& w : r.value().windows) listed += w.events;
  CHECK(listed == unique);  // no event spans a window boundary; the repeat within one window is kept
}

TEST_CASE("api client: typed errors with the server's message", "[api][errors]") {
  fake_api api("another-token", fixture());
  test_client t(api);
  auto unauthorized = t.c.list_events(october());
  REQUIRE_FALSE(unauthorized.ok());
  const api_error& e = unauthorized.err();
  CHECK(e.kind == error_kind::unauthorized);
  CHECK(e.http_status == 401);
  CHECK(e.message == "Invalid token: access token is invalid");
  CHECK(e.error == "Unauthorized");
  CHECK(e.describe() == "Unauthorized (HTTP 401): Invalid token: access token is invalid");
  CHECK(api.requests().size() == 1);  // 4xx are never retried

  fake_api ok(token, fixture());
  test_client u(ok);
  auto missing = u.c.get_event("noSuchEvent");
  CHECK(missing.err().kind == error_kind::not_found);
  CHECK(missing.err().trace_id == "fake-404");
  ok.inject({403, R"({"statusCode":403,"message":"The token does not have access to this location"})", {}, 0, false});
  CHECK(u.c.list_events(october()).err().kind == error_kind::forbidden);
  ok.inject({422, R"({"statusCode":422,"message":["startTime must be a number","endTime must be a number"]})", {}, 0,
             false});
  const auto invalid = u.c.list_events(october());
  CHECK(invalid.err().kind == error_kind::validation);
  CHECK(invalid.err().message == "startTime must be a number; endTime must be a number");
  ok.inject({500, R"({"status":500,"message":"Internal error"})", {}, 0, false});
  const auto server = u.c.list_events(october());
  CHECK(server.err().kind == error_kind::server);
  CHECK(server.err().attempts == 1);  // 500 is not retried
}

TEST_CASE("api client: bodies that do not decode", "[api][errors]") {
  fake_api api(token, fixture());
  test_client t(api);
  api.inject({200, R"({"events": [{"id": "a", "startTime": "2026-10-26T09:00:00Z")", {}, 0, false});
  const auto truncated = t.c.list_events(october());
  CHECK(truncated.err().kind == error_kind::decode);
  CHECK_THAT(truncated.err().message, Catch::StartsWith("the response is not valid JSON at byte"));
  api.inject({200, "<html>Bad gateway</html>", {}, 0, false});
  CHECK(t.c.list_events(october()).err().kind == error_kind::decode);
  api.inject({200, "", {}, 0, false});
  CHECK(t.c.list_events(october()).err().kind == error_kind::decode);
}

TEST_CASE("api client: a 10 MB response", "[api]") {
  fake_api api(token, fixture());
  // The subject is size, not speed: no timeout a slow or busy machine could reach, and no
  // retry that would quietly answer with the fixture instead.
  client_config patient;
  patient.total_timeout = std::chrono::minutes(10);
  patient.deadline = std::chrono::minutes(10);
  patient.max_retries = 0;
  test_client t(api, patient);
  std::string big = R"({"events": [)";
  int generated = 0;
  for (; big.size() < (10u << 20); ++generated) {
    if (generated) big += ',';
    big += R"({"id": "e)" + std::to_string(generated) +
           R"(", "startTime": "2026-10-26T09:00:00Z", "endTime": "2026-10-26T10:00:00Z", "notes": ")" +
           std::string(200, 'x') + "\"}";
  }
  big += "]}";
  api.inject({200, big, {}, 0, false});
  const auto r = t.c.list_events(october());
  REQUIRE(r.ok());
  CHECK(r.value().events.size() == static_cast<std::size_t>(generated));
  CHECK(r.value().events.back().id == "e" + std::to_string(generated - 1));
  CHECK(api.requests().size() == 1);
}

TEST_CASE("api client: retries 429 and 503 as the headers say, with capped waits", "[api][retry]") {
  fake_api api(token, fixture());
  test_client t(api);
  api.inject({429, R"({"statusCode":429,"message":"Too many requests"})", {{"Retry-After", "2"}}, 0, false});
  api.inject({429, R"({"statusCode":429,"message":"Too many requests"})",
              {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Interval-Milliseconds", "1500"}}, 0, false});
  api.inject({503, "Service Unavailable", {}, 0, false});
  REQUIRE(t.c.list_events(october()).ok());
  REQUIRE(t.sleeps.size() == 3);
  CHECK(t.sleeps[0] == 2000);
  CHECK(t.sleeps[1] == 1500);
  CHECK(t.sleeps[2] <= 800);  // full jitter within base * 2^3 (the third attempt failed)
  CHECK(api.requests().size() == 4);

  t.sleeps.clear();
  api.inject({429, "{}", {{"Retry-After", "86400"}}, 0, false});  // a day: more than the cap, so no early retry
  const auto day = t.c.list_events(october());
  REQUIRE_FALSE(day.ok());
  CHECK(day.err().kind == error_kind::rate_limited);
  CHECK_THAT(day.err().message, Catch::EndsWith("(the server asks to wait 86400000 ms by Retry-After, longer than the "
                                                "wait cap of 20000 ms)"));
  CHECK(t.sleeps.empty());

  t.sleeps.clear();
  api.inject({503, "{}", {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}}, 0, false});  // an HTTP-date in the past
  REQUIRE(t.c.list_events(october()).ok());
  CHECK(t.sleeps == std::vector<long long>{0});
}

TEST_CASE("api client: a 429 storm and 30 consecutive 503s end with a typed error", "[api][retry]") {
  fake_api api(token, fixture());
  test_client t(api);
  for (int i = 0; i < 30; ++i) api.inject({503, R"({"message":"down"})", {}, 0, false});
  const auto down = t.c.list_events(october());
  CHECK(down.err().kind == error_kind::server);
  CHECK(down.err().attempts == 5);  // max_retries 4
  CHECK(t.sleeps.size() == 4);
  for (long long s : t.sleeps) CHECK(s <= 20000);

  fake_api storm(token, fixture());
  test_client u(storm);
  for (int i = 0; i < 10; ++i) storm.inject({429, R"({"message":"slow down"})", {{"Retry-After", "1"}}, 0, false});
  const auto limited = u.c.list_events(october());
  CHECK(limited.err().kind == error_kind::rate_limited);
  CHECK(limited.err().limits.retry_after == std::optional<std::string>("1"));
  CHECK(storm.requests().size() == 5);
}

TEST_CASE("api client: the call's deadline bounds retries and waits", "[api][retry]") {
  fake_api api(token, fixture());
  client_config config;
  config.deadline = std::chrono::milliseconds(5000);
  test_client t(api, config);
  for (int i = 0; i < 30; ++i) api.inject({503, R"({"message":"down"})", {{"Retry-After", "2"}}, 0, false});
  const auto r = t.c.list_events(october());
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().kind == error_kind::server);
  CHECK_THAT(r.err().message, Catch::EndsWith("(the server asks to wait 2000 ms by Retry-After; the call's deadline of "
                                              "5000 ms leaves no time to retry)"));
  CHECK(t.sleeps == std::vector<long long>{2000, 2000});  // a third 2 s wait would pass the 5 s deadline
}

TEST_CASE("api client: a failed window fails the whole range, never a partial result", "[api][retry]") {
  fake_api api(token, fixture());
  test_client t(api);
  events_query q = october();
  q.start = from_unix_ms(1788220800000);  // 91 days: three windows
  q.end = from_unix_ms(1796083200000);
  api.inject({200, R"({"events": [{"id": "a", "startTime": "2026-09-02T09:00:00Z", "endTime": "2026-09-02T10:00:00Z"}]})",
              {}, 0, false});
  for (int i = 0; i < 5; ++i) api.inject({503, "{}", {}, 0, false});
  const auto r = t.c.list_events(q);
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().kind == error_kind::server);
  CHECK(api.requests().size() == 6);  // window 1, then window 2 five times; window 3 never asked
}

TEST_CASE("api client: a slow drip ends at the timeout", "[api][errors]") {
  fake_api api(token, fixture());
  client_config quick;
  quick.total_timeout = std::chrono::milliseconds(400);
  quick.max_retries = 0;
  test_client t(api, quick);
  injected_response drip{200, fixture(), {}, 0, false};
  drip.drip_ms = 50;
  api.inject(drip);
  const auto r = t.c.list_events(october());
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().kind == error_kind::timeout);
}

TEST_CASE("api client: the daily limit fails fast", "[api][retry]") {
  fake_api api(token, fixture());
  test_client t(api);
  api.inject({200, R"({"events": []})", {{"X-RateLimit-Daily-Remaining", "0"}}, 0, false});
  REQUIRE(t.c.list_events(october()).ok());
  const auto next = t.c.list_events(october());
  CHECK(next.err().kind == error_kind::rate_limited);
  CHECK(next.err().attempts == 0);
  CHECK(api.requests().size() == 1);
}

TEST_CASE("api client: client-side throttle per location", "[api][retry]") {
  fake_api api(token, fixture());
  client_config config;
  config.throttle_requests = 3;
  config.throttle_window = std::chrono::milliseconds(10000);
  test_client t(api, config);
  for (int i = 0; i < 7; ++i) REQUIRE(t.c.list_events(october()).ok());
  // Requests 4 and 7 each wait for the oldest of the last three to leave the 10 s window.
  CHECK(t.sleeps == std::vector<long long>{10001, 10001});
}

TEST_CASE("api client: network failures", "[api][errors]") {
  fake_api api(token, fixture());
  client_config quick;
  quick.total_timeout = std::chrono::milliseconds(300);
  quick.max_retries = 0;
  test_client t(api, quick);
  api.inject({200, R"({"events": []})", {}, 1500, false});  // slower than the timeout
  const auto slow = t.c.list_events(october());
  CHECK(slow.err().kind == error_kind::timeout);
  CHECK(slow.err().network());

  api.inject({200, fixture(), {}, 0, true});  // half the body, then the connection drops
  const auto reset = t.c.list_events(october());
  REQUIRE_FALSE(reset.ok());
  CHECK((reset.err().kind == error_kind::transport || reset.err().kind == error_kind::decode));

  client_config c2 = quick;
  c2.base_url = "http://127.0.0.1:1";  // nothing listens on port 1
  c2.token = token;
  client closed(c2);
  const auto down = closed.list_events(october());
  CHECK(down.err().kind == error_kind::transport);
}

TEST_CASE("api client: the token appears in no log line, error or body excerpt", "[api][token]") {
  fake_api api(token, fixture());
  test_client t(api);
  // A server that echoes the credentials back.
  api.inject({400, R"({"statusCode":400,"message":"bad header Bearer )" + token + R"("})", {}, 0, false});
  const auto echoed = t.c.list_events(october());
  REQUIRE_FALSE(echoed.ok());
  CHECK(echoed.err().message.find(token) == std::string::npos);
  CHECK(echoed.err().body_excerpt.find(token) == std::string::npos);
  CHECK(echoed.err().describe().find(token) == std::string::npos);
  CHECK_THAT(echoed.err().message, Catch::Contains("[redacted]"));
  REQUIRE(t.c.list_events(october()).ok());
  REQUIRE_FALSE(t.log.empty());
  for (const std::string& line : t.log) CHECK(line.find(token) == std::string::npos);
  CHECK_THAT(t.log.back(), Catch::StartsWith("GET /calendars/events?locationId=0007BWpSzSwfiuSl0tR2"));
}

TEST_CASE("api client: the token comes from GHL_TOKEN or a file", "[api][token]") {
  unsetenv("GHL_TOKEN");
  CHECK(load_token().err().kind == error_kind::no_token);
  const std::string path = "/tmp/recur-token-test";
  std::ofstream(path) << "file-token\n";
  CHECK(load_token(path).value() == "file-token");
  setenv("GHL_TOKEN", "env-token", 1);
  CHECK(load_token(path).value() == "env-token");
  unsetenv("GHL_TOKEN");
  std::remove(path.c_str());
}
