// recur/api/client.hpp: a thin client for the calendar events endpoints.
//
//   GET {base}/calendars/events?locationId=..&startTime=..&endTime=..&calendarId|groupId|userId=..
//   GET {base}/calendars/events/appointments/{eventId}
//
// Requests carry `Authorization: Bearer <token>`, `Version: 2021-04-15`,
// `Accept: application/json` and a User-Agent naming recur. Long ranges are split into windows
// of at most 31 days, fetched in order, merged and de-duplicated by id; the result lists the
// windows it covered and is returned only when every window was fetched.
//
// Retries: transport errors, timeouts, 429 and 502/503/504, up to `max_retries` times, with
// exponential backoff and full jitter, honouring Retry-After (seconds or HTTP-date) and, when
// X-RateLimit-Remaining is 0, X-RateLimit-Interval-Milliseconds; every wait is capped. Other
// 4xx are never retried. At most `throttle_requests` requests per `throttle_window` per
// location (the API's burst limit is 100 per 10 s). Once a response says
// X-RateLimit-Daily-Remaining: 0, further calls fail at once with error_kind::rate_limited.
//
// The token is never logged, and is redacted from every error and log line.
//
// Thread safety: a client is not thread-safe (it keeps the throttle and daily-limit state);
// use one per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "recur/api/error.hpp"
#include "recur/api/event_json.hpp"
#include "recur/result.hpp"

namespace recur::api {

struct client_config {
  std::string base_url = "https://services.leadconnectorhq.com";
  std::string token;                 // see load_token(); never logged
  std::string version = "2021-04-15";
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{30000};  // per request
  std::chrono::milliseconds deadline{120000};      // per call, retries and waits included
  int max_retries = 4;
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_cap{20000};   // no single wait is longer
  int throttle_requests = 100;
  std::chrono::milliseconds throttle_window{10000};
  std::chrono::hours max_window{24 * 31};         // longest range one request asks for
  std::optional<zone> assumed_zone;               // for event times without an offset

  // Verbose log: method, path, status, duration, retry decisions (never headers or token).
  std::function<void(const std::string&)> log;
  // Injected for tests: the clock the throttle reads, the sleep every wait goes through, and
  // the jitter seed.
  std::function<std::chrono::steady_clock::time_point()> now;
  std::function<void(std::chrono::milliseconds)> sleep;
  std::uint64_t jitter_seed = 0;  // 0: seeded from the clock
};

struct events_query {
  std::string location_id;
  std::string calendar_id, group_id, user_id;  // at least one
  std::int64_t start_ms = 0, end_ms = 0;        // inclusive range, epoch milliseconds
};

struct covered_window {
  std::int64_t start_ms = 0, end_ms = 0;
  std::size_t events = 0;  // as returned for this window, before de-duplication
};

struct events_result {
  std::vector<event> events;             // merged, de-duplicated by id, in the order first seen
  std::vector<std::string> warnings;     // lenient readings of event JSON
  std::vector<covered_window> windows;   // every window fetched, in order
};

class client {
 public:
  explicit client(client_config config);
  ~client();
  client(client&&) noexcept;
  client& operator=(client&&) noexcept;

  result<events_result, api_error> list_events(const events_query& query);
  // An event, an instance or a master by id; `{ "event": {...} }`.
  result<event, api_error> get_event(const std::string& event_id);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// The access token: $GHL_TOKEN, else the first line of `token_file` (when given). Never from a
// command-line argument, which `ps` would show.
result<std::string, api_error> load_token(const std::string& token_file = "");

// RFC 3986 percent-encoding of a query value or path segment.
std::string url_encode(const std::string& value);

}  // namespace recur::api
