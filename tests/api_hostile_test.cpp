// The API client against a hostile server and careless callers (issue classes of the README's
// promises "the token never appears", "the deadline covers the call", "nothing is sent that
// was not checked"). Responses come from an injected transport (no network) except where the
// libcurl path itself is the subject.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "recur/api/client.hpp"
#include "support/fake_api.hpp"

using namespace recur;
using namespace recur::api;
using std::chrono::milliseconds;

namespace {

const std::string token = "tok-SECRET-9c48df2694a849b6-0f1e2d3c";

// A client whose transport is a script and whose clock moves only when it sleeps.
struct scripted {
  std::vector<raw_response> replies;  // served in order; the last one repeats
  std::vector<std::string> urls;
  std::vector<std::string> log;
  std::chrono::steady_clock::time_point now{};
  client c;
  explicit scripted(client_config config = {}, std::string tok = token)
      : c([&] {
          if (config.base_url == client_config{}.base_url) config.base_url = "https://api.example";
          config.token = tok;
          config.jitter_seed = 3;
          config.now = [this] { return now; };
          config.sleep = [this](milliseconds d) { now += d; };
          config.log = [this](const std::string& line) { log.push_back(line); };
          config.transport = [this](const std::string& url) {
            urls.push_back(url);
            const std::size_t i = std::min(urls.size() - 1, replies.size() - 1);
            return replies.at(i);
          };
          return config;
        }()) {}
  std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<milliseconds>(now - std::chrono::steady_clock::time_point{});
  }
};

raw_response reply(long status, std::string body, std::map<std::string, std::string> headers = {}) {
  raw_response r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

events_query query(std::int64_t from, std::int64_t to) {
  events_query q;
  q.location_id = "loc";
  q.calendar_id = "cal";
  q.start = from_unix_ms(from);
  q.end = from_unix_ms(to);
  return q;
}

constexpr std::int64_t day = 86400000;
constexpr std::int64_t oct1 = 1790812800000;  // 2026-10-01T00:00Z

// Every piece of `secret` at least `n` bytes long that occurs in `text`, or "" when none does.
std::string leaked_piece(const std::string& text, const std::string& secret, std::size_t n) {
  n = std::min(n, secret.size());
  for (std::size_t i = 0; i + n <= secret.size(); ++i)
    if (text.find(secret.substr(i, n)) != std::string::npos) return secret.substr(i, n);
  return "";
}

void check_no_leak(const api_error& e, const std::string& secret) {
  for (const std::string* field : {&e.message, &e.error, &e.trace_id, &e.body_excerpt}) {
    INFO("field: " << *field);
    CHECK(leaked_piece(*field, secret, 12) == "");
  }
  if (e.limits.retry_after) CHECK(leaked_piece(*e.limits.retry_after, secret, 12) == "");
  CHECK(leaked_piece(e.describe(), secret, 12) == "");
}

}  // namespace

TEST_CASE("api hostile: a range outside years 1..9999 or needing too many windows sends nothing", "[api][hostile]") {
  scripted s;
  s.replies = {reply(200, R"({"events":[]})")};
  for (const auto& [from, to] : std::vector<std::pair<std::int64_t, std::int64_t>>{
           {9223372036854775000, 9223372036854775807},
           {-9223372036854775807 - 1, 0},
           {-62135596800001, 0},                       // one ms before year 1
           {-62135596800000, 253402300799999},         // years 1..9999: 94,000 windows
           {oct1, oct1 + 121 * 31 * day}}) {           // 122 windows, over the default 120
    INFO(from << " .. " << to);
    const auto r = s.c.list_events(query(from, to));
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().kind == error_kind::invalid_request);
  }
  CHECK_THAT(s.c.list_events(query(oct1, oct1 + 121 * 31 * day)).err().message,
             Catch::Contains("more than the limit of 120 (client_config::max_windows)"));
  CHECK(s.urls.empty());
  client_config raised;
  raised.max_windows = 200;
  scripted wide(raised);
  wide.replies = {reply(200, R"({"events":[]})")};
  REQUIRE(wide.c.list_events(query(oct1, oct1 + 121 * 31 * day)).ok());
  CHECK(wide.urls.size() == 122);
}

TEST_CASE("api hostile: a token with control characters is refused before sending", "[api][hostile]") {
  for (const std::string& bad : std::vector<std::string>{"abc\r\nHost: evil.example", "abc\ndef", std::string("abc\0def", 7), "tab\there",
                                "del\x7f"}) {
    scripted s({}, bad);
    s.replies = {reply(200, R"({"events":[]})")};
    const auto r = s.c.list_events(query(oct1, oct1 + day));
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().kind == error_kind::invalid_request);
    CHECK(s.c.get_event("x").err().kind == error_kind::invalid_request);
    CHECK(s.urls.empty());
  }
}

TEST_CASE("api hostile: the token file", "[api][hostile]") {
  const char* saved = std::getenv("GHL_TOKEN");
  const std::string saved_value = saved ? saved : "";
  unsetenv("GHL_TOKEN");
  const std::string dir = std::filesystem::temp_directory_path() / ("recur-token-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir + "/" + name, std::ios::binary) << text;
    return dir + "/" + name;
  };
  CHECK(load_token(write("lf", "tok123\n")).value() == "tok123");
  CHECK(load_token(write("crlf", "tok123\r\n")).value() == "tok123");
  CHECK(load_token(write("bare", "tok123")).value() == "tok123");
  CHECK(load_token(write("two", "tok123\nHost: evil\n")).err().kind == error_kind::no_token);  // a second line
  CHECK(load_token(write("two-newlines", "tok123\n\n")).err().kind == error_kind::no_token);
  CHECK(load_token(write("empty", "\n")).err().kind == error_kind::no_token);
  CHECK_THAT(load_token(dir).err().message, Catch::Contains("is a directory"));
  CHECK_THAT(load_token(write("big", std::string(70000, 'a'))).err().message, Catch::Contains("larger than 64 KiB"));
  CHECK_THAT(load_token("/dev/zero").err().message, Catch::Contains("larger than 64 KiB"));  // read no further
  setenv("GHL_TOKEN", "env\r\ninjected", 1);
  CHECK(load_token().err().kind == error_kind::no_token);
  if (saved) setenv("GHL_TOKEN", saved_value.c_str(), 1);
  else unsetenv("GHL_TOKEN");
  std::filesystem::remove_all(dir);
}

TEST_CASE("api hostile: the token never appears in an error, whole, in pieces or escaped", "[api][hostile]") {
  const std::string half = token.substr(0, token.size() / 2);
  std::string escaped;  // the token as JSON \u escapes: only decoding reveals it
  for (char ch : token) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(ch));
    escaped += buf;
  }
  const std::string padding(500, 'x');  // puts the token across the 512-byte excerpt cut
  const std::vector<raw_response> hostile = {
      reply(401, R"({"message":")" + token + R"(","error":")" + token + R"(","traceId":")" + token + R"("})"),
      reply(403, R"({"message":["a", ")" + half + R"(", {"nested": ")" + token + R"("}],"traceId":")" + half + R"("})"),
      reply(400, R"({"message":")" + escaped + R"(","traceId":")" + escaped + R"("})"),
      reply(500, padding + token + padding),
      reply(404, "not json " + half + " and " + token.substr(10)),
      reply(429, R"({"message":"slow"})", {{"retry-after", token}}),
  };
  for (const raw_response& r : hostile) {
    client_config config;
    config.max_retries = 0;
    scripted s(config);
    s.replies = {r};
    INFO(r.body.substr(0, 80));
    const auto listed = s.c.list_events(query(oct1, oct1 + day));
    REQUIRE_FALSE(listed.ok());
    check_no_leak(listed.err(), token);
    const auto got = s.c.get_event("m1");
    REQUIRE_FALSE(got.ok());
    check_no_leak(got.err(), token);
    for (const std::string& line : s.log) CHECK(leaked_piece(line, token, 12) == "");
  }
  // A 200 whose body does not decode: the decode error's excerpt is redacted too.
  scripted s;
  s.replies = {reply(200, "{\"events\": [" + token)};
  check_no_leak(s.c.list_events(query(oct1, oct1 + day)).err(), token);
  // Short tokens are redacted as well.
  scripted shorty({}, "ab1");
  shorty.replies = {reply(401, R"({"message":"bad token ab1","traceId":"ab1"})")};
  const auto e = shorty.c.list_events(query(oct1, oct1 + day)).err();
  CHECK(e.message.find("ab1") == std::string::npos);
  CHECK(e.trace_id.find("ab1") == std::string::npos);
}

TEST_CASE("api hostile: only http and https are spoken", "[api][hostile]") {
  for (const char* url : {"file:///etc", "gopher://127.0.0.1:70", "dict://127.0.0.1", "ftp://127.0.0.1",
                          "ldap://127.0.0.1", "smb://127.0.0.1", "rtsp://127.0.0.1", "", "127.0.0.1:8080"}) {
    client_config config;
    config.base_url = url;
    scripted s(config);
    s.replies = {reply(200, R"({"events":[]})")};
    INFO(url);
    const auto r = s.c.list_events(query(oct1, oct1 + day));
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().kind == error_kind::invalid_request);
    CHECK(s.urls.empty());
  }
  // Through libcurl itself: a file:// URL is refused before any read.
  client_config real;
  real.base_url = "file:///etc/passwd#";
  real.token = "t";
  client c(real);
  CHECK(c.get_event("x").err().kind == error_kind::invalid_request);
}

TEST_CASE("api hostile: one deadline covers the call, and no retry comes early", "[api][hostile]") {
  // Four windows, each answered with two 429s asking for 20 s: 160 s of waits against 120 s.
  scripted s;
  const raw_response slow = reply(429, R"({"message":"slow"})", {{"retry-after", "20"}});
  const raw_response ok = reply(200, R"({"events":[]})");
  s.replies = {slow, slow, ok, slow, slow, ok, slow, slow, ok, slow, slow, ok};
  const auto r = s.c.list_events(query(oct1, oct1 + 4 * 31 * day - 1));
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().kind == error_kind::rate_limited);
  CHECK(s.elapsed() <= milliseconds(120000));
  CHECK_THAT(r.err().message, Catch::Contains("leaves no time to retry"));

  // A wait longer than the cap is not shortened: the call fails at once.
  scripted capped;
  capped.replies = {reply(429, "{}", {{"retry-after", "3600"}}), ok};
  const auto refused = capped.c.list_events(query(oct1, oct1 + day));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.err().kind == error_kind::rate_limited);
  CHECK(capped.urls.size() == 1);
  CHECK(capped.elapsed() == milliseconds(0));

  // set_deadline bounds a sequence of calls (reconcile --location: the list and its masters).
  scripted seq;
  seq.replies = {reply(503, "{}", {{"retry-after", "10"}}), reply(503, "{}", {{"retry-after", "10"}}), ok};
  seq.c.set_deadline(seq.now + milliseconds(15000));
  const auto bounded = seq.c.list_events(query(oct1, oct1 + day));
  REQUIRE_FALSE(bounded.ok());
  CHECK(seq.elapsed() <= milliseconds(15000));
}

TEST_CASE("api hostile: only byte-identical repeats across windows are dropped", "[api][hostile]") {
  const std::string a = R"({"id":"m_1_60","masterEventId":"m","startTime":"2026-10-31T23:30:00Z","endTime":"2026-11-01T00:30:00Z"})";
  const std::string b = R"({"id":"m_2_60","masterEventId":"m","startTime":"2026-10-20T10:00:00Z","endTime":"2026-10-20T11:00:00Z"})";
  const std::string b_moved = R"({"id":"m_2_60","masterEventId":"m","startTime":"2026-11-05T10:00:00Z","endTime":"2026-11-05T11:00:00Z"})";
  scripted s;
  s.replies = {reply(200, "{\"events\":[" + a + "," + b + "," + b + "]}"),
               reply(200, "{\"events\":[" + a + "," + b_moved + "]}")};
  const auto r = s.c.list_events(query(oct1, oct1 + 62 * day - 1));
  REQUIRE(r.ok());
  REQUIRE(s.urls.size() == 2);
  // a spans the boundary and repeats byte for byte: kept once. b twice in one window: both
  // kept. b_moved has b's id but other times: kept, for reconcile to judge.
  REQUIRE(r.value().events.size() == 4);
  CHECK(r.value().events[0].id == "m_1_60");
  CHECK(r.value().events[3].start_time == "2026-11-05T10:00:00Z");
}

TEST_CASE("api hostile: an event id stays one path segment", "[api][hostile]") {
  scripted s;
  s.replies = {reply(200, R"({"event":{"id":"x","startTime":"2026-10-01T00:00:00Z","endTime":"2026-10-01T01:00:00Z"}})")};
  for (const char* id : {".", "..", ""}) CHECK(s.c.get_event(id).err().kind == error_kind::invalid_request);
  CHECK(s.urls.empty());
  REQUIRE(s.c.get_event("../../users/me?x=1#").ok());
  REQUIRE(s.urls.size() == 1);
  CHECK(s.urls[0] == "https://api.example/calendars/events/appointments/..%2F..%2Fusers%2Fme%3Fx%3D1%23");
}

TEST_CASE("api hostile: an oversized body is a decode error, not retried", "[api][hostile]") {
  std::string big = R"({"events":[)";
  for (int i = 0; i < 200; ++i)
    big += std::string(i ? "," : "") +
           R"({"id":"e)" + std::to_string(i) + R"(","startTime":"2026-10-01T00:00:00Z","endTime":"2026-10-01T01:00:00Z"})";
  big += "]}";
  recur::test::fake_api api(token, big);
  client_config config;
  config.base_url = api.base_url();
  config.token = token;
  config.max_body_bytes = 4096;
  config.sleep = [](milliseconds) {};
  client c(config);
  const auto r = c.list_events(query(oct1, oct1 + day));
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().kind == error_kind::decode);
  CHECK(r.err().attempts == 1);
  CHECK_THAT(r.err().message, Catch::Contains("larger than 4096 bytes"));
  CHECK(api.requests().size() == 1);
}
