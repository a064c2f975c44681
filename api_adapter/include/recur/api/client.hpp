/// @file
/// recur/api/client.hpp: a thin client for the calendar events endpoints.
///
///   GET {base}/calendars/events?locationId=..&startTime=..&endTime=..&calendarId|groupId|userId=..
///   GET {base}/calendars/events/appointments/{eventId}
///
/// Requests carry `Authorization: Bearer <token>`, `Version: 2021-04-15`,
/// `Accept: application/json` and a User-Agent naming recur. Long ranges are split into windows
/// of at most 31 days, fetched in order and merged; an event repeated byte for byte in a later
/// window (one that spans the boundary) is kept once, while differing copies with one id are
/// all kept for reconcile to judge. The result lists the windows it covered and is returned
/// only when every window was fetched.
///
/// Checked before anything is sent (error_kind::invalid_request): the base URL is http:// or
/// https:// (libcurl is also told to speak nothing else, redirects included); the range lies in
/// years 1..9999 and needs at most `max_windows` windows; the token has no control characters
/// (CR/LF would inject headers); an event id is sent as one percent-encoded path segment and
/// "." and ".." are refused.
///
/// Deadline: each call (list_events, get_event) ends within `deadline`, its retries and waits
/// included; set_deadline() bounds a sequence of calls (a list and its master fetches) by one
/// instant as well. A server that asks to wait (Retry-After, X-RateLimit-Interval-Milliseconds)
/// longer than `backoff_cap` or than the time left gets no early retry: the call fails at once
/// with error_kind::rate_limited. A body over `max_body_bytes` is error_kind::decode, not retried.
///
/// Retries: transport errors, timeouts, 429 and 502/503/504, up to `max_retries` times, with
/// exponential backoff and full jitter, honouring Retry-After (seconds or HTTP-date) and, when
/// X-RateLimit-Remaining is 0, X-RateLimit-Interval-Milliseconds; every wait is capped. Other
/// 4xx are never retried. At most `throttle_requests` requests per `throttle_window` per
/// location (the API's burst limit is 100 per 10 s). Once a response says
/// X-RateLimit-Daily-Remaining: 0, further calls fail at once with error_kind::rate_limited.
///
/// The token is never logged, and is redacted from every field of every error and every log
/// line: the whole token and any piece of it 12 bytes or longer, after JSON decoding and before
/// any text is cut to size.
///
/// Thread safety: a client is not thread-safe (it keeps the throttle and daily-limit state);
/// use one per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "recur/export.hpp"
#include "recur/api/error.hpp"
#include "recur/api/event_json.hpp"
#include "recur/result.hpp"

namespace recur::api {

/// A response as the server sent it (for an injected transport): status, headers with
/// lower-case names, body. `failed` set means no response arrived (its text says why).
struct raw_response {
  long status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
  std::optional<std::string> failed;
  bool timed_out = false;  ///< with `failed`: a connect or total timeout
  bool too_large = false;  ///< the body passed max_body_bytes and the transfer was stopped
};

struct client_config {
  std::string base_url = "https://services.leadconnectorhq.com";
  std::string token;                 ///< see load_token(); never logged
  std::string version = "2021-04-15";
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{30000};  ///< per request
  std::chrono::milliseconds deadline{120000};      ///< per call, retries and waits included
  int max_windows = 120;                          ///< windows one list_events call may need (about 10 years)
  std::size_t max_body_bytes = std::size_t{64} << 20;  ///< larger responses are error_kind::decode
  int max_retries = 4;
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_cap{20000};   ///< no single wait is longer
  int throttle_requests = 100;
  std::chrono::milliseconds throttle_window{10000};
  std::chrono::hours max_window{24 * 31};         ///< longest range one request asks for
  std::optional<zone> assumed_zone;               ///< for event times without an offset

  /// Verbose log: method, path, status, duration, retry decisions (never headers or token).
  std::function<void(const std::string&)> log;
  /// Injected for tests: the clock the throttle reads, the sleep every wait goes through, and
  /// the jitter seed.
  std::function<std::chrono::steady_clock::time_point()> now;
  std::function<void(std::chrono::milliseconds)> sleep;
  std::uint64_t jitter_seed = 0;  ///< 0: seeded from the clock
  /// Injected for tests and fuzzing: answers each request instead of libcurl (no network).
  std::function<raw_response(const std::string& url)> transport;
};

struct events_query {
  std::string location_id;
  std::string calendar_id, group_id, user_id;  ///< at least one
  instant start{}, end{};                       ///< inclusive range
};

struct covered_window {
  instant start{}, end{};  ///< inclusive
  std::size_t events = 0;  ///< as returned for this window, before de-duplication
};

struct events_result {
  std::vector<calendar_event> events;    ///< in the order received; a byte-identical repeat from a later window once
  std::vector<std::string> warnings;     ///< lenient readings of event JSON
  std::vector<covered_window> windows;   ///< every window fetched, in order
};

class RECUR_EXPORT client {
 public:
  explicit client(client_config config);
  ~client();
  client(client&&) noexcept;
  client& operator=(client&&) noexcept;

  result<events_result, api_error> list_events(const events_query& query);
  /// An event, an instance or a master by id; `{ "event": {...} }`.
  result<calendar_event, api_error> get_event(const std::string& event_id);
  /// Calls from now on end by `ends` at the latest (besides each call's own deadline).
  void set_deadline(std::chrono::steady_clock::time_point ends);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// The access token: $GHL_TOKEN, else the content of `token_file` (when given) with one
/// trailing newline removed; a directory, a file over 64 KiB, or a token with control
/// characters (a second line included) is error_kind::no_token. Never from a command-line
/// argument, which `ps` would show.
RECUR_EXPORT result<std::string, api_error> load_token(const std::string& token_file = "");

/// RFC 3986 percent-encoding of a query value or path segment.
RECUR_EXPORT std::string url_encode(const std::string& value);

}  // namespace recur::api
