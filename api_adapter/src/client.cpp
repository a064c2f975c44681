#include "recur/api/client.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>
#include <unordered_set>

#include "http.hpp"
#include "redact.hpp"

#ifndef RECUR_VERSION
#define RECUR_VERSION "0"
#endif

namespace recur::api {
namespace {

using clock_type = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::optional<std::int64_t> header_int(const std::map<std::string, std::string>& headers, const char* name) {
  const auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  try {
    std::size_t used = 0;
    const long long v = std::stoll(it->second, &used);
    if (used == 0) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

rate_limits limits_of(const std::map<std::string, std::string>& headers) {
  rate_limits r;
  r.remaining = header_int(headers, "x-ratelimit-remaining");
  r.daily_remaining = header_int(headers, "x-ratelimit-daily-remaining");
  r.interval_ms = header_int(headers, "x-ratelimit-interval-milliseconds");
  r.max = header_int(headers, "x-ratelimit-max");
  if (const auto it = headers.find("retry-after"); it != headers.end()) r.retry_after = it->second;
  return r;
}

// Retry-After: delay-seconds or an HTTP-date (RFC 9110 10.2.3).
std::optional<milliseconds> retry_after_wait(const std::string& value) {
  if (!value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return milliseconds(std::min<long long>(std::stoll(value.substr(0, 12)), 86400) * 1000);
  std::tm tm{};
  const char* parsed = strptime(value.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!parsed) return std::nullopt;
  const std::time_t at = timegm(&tm);
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  return milliseconds(std::max<std::int64_t>(0, static_cast<std::int64_t>(at - now)) * 1000);
}

error_kind kind_of_status(long status) {
  switch (status) {
    case 400:
    case 422: return error_kind::validation;
    case 401: return error_kind::unauthorized;
    case 403: return error_kind::forbidden;
    case 404: return error_kind::not_found;
    case 429: return error_kind::rate_limited;
    default: return status >= 500 ? error_kind::server : error_kind::http;
  }
}

}  // namespace

const char* to_string(error_kind k) noexcept {
  switch (k) {
    case error_kind::invalid_request: return "InvalidRequest";
    case error_kind::no_token: return "NoToken";
    case error_kind::unauthorized: return "Unauthorized";
    case error_kind::forbidden: return "Forbidden";
    case error_kind::not_found: return "NotFound";
    case error_kind::validation: return "Validation";
    case error_kind::rate_limited: return "RateLimited";
    case error_kind::server: return "Server";
    case error_kind::http: return "Http";
    case error_kind::transport: return "Transport";
    case error_kind::timeout: return "Timeout";
    case error_kind::decode: return "Decode";
  }
  return "Unknown";
}

std::string api_error::describe() const {
  std::string out = to_string(kind);
  if (http_status) out += " (HTTP " + std::to_string(http_status) + ")";
  out += ": " + message;
  if (!trace_id.empty()) out += " [traceId " + trace_id + "]";
  if (attempts > 1) out += " after " + std::to_string(attempts) + " attempts";
  return out;
}

api_exception::api_exception(api_error e)
    : recur_error(recur::error{error_code::api_failure, e.describe()}), api_error_(std::move(e)) {}

void throw_error(const api_error& e) { throw api_exception(e); }

std::string url_encode(const std::string& value) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

namespace {

api_error failure(error_kind kind, std::string message, int attempts = 0) {
  api_error e;
  e.kind = kind;
  e.message = std::move(message);
  e.attempts = attempts;
  return e;
}

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x20 || b == 0x7f;
  });
}

// The http:// or https:// scheme of a base URL (any case), else nothing may be sent.
bool http_scheme(const std::string& url) {
  std::string head = url.substr(0, 8);
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
  return head.rfind("http://", 0) == 0 || head.rfind("https://", 0) == 0;
}

// Instants RFC 5545 and the API can write: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999Z.
constexpr std::int64_t first_ms = -62135596800000;
constexpr std::int64_t last_ms = 253402300799999;

constexpr std::size_t max_token_file_bytes = 64 * 1024;

}  // namespace

result<std::string, api_error> load_token(const std::string& token_file) {
  if (const char* env = std::getenv("GHL_TOKEN"); env && *env) {
    if (has_control_character(env))
      return failure(error_kind::no_token, "GHL_TOKEN holds a control character (CR, LF, ...): refused");
    return std::string(env);
  }
  if (token_file.empty()) return failure(error_kind::no_token, "no access token: set GHL_TOKEN or pass --token-file FILE");
  std::error_code ec;
  if (std::filesystem::is_directory(token_file, ec))
    return failure(error_kind::no_token, "the token file '" + token_file + "' is a directory");
  std::ifstream in(token_file, std::ios::binary);
  if (!in) return failure(error_kind::no_token, "cannot read the token file '" + token_file + "'");
  std::string text(max_token_file_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > max_token_file_bytes)
    return failure(error_kind::no_token, "the token file '" + token_file + "' is larger than 64 KiB");
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
  if (text.empty()) return failure(error_kind::no_token, "the token file '" + token_file + "' holds no token");
  if (has_control_character(text))
    return failure(error_kind::no_token, "the token in '" + token_file +
                                             "' holds a control character (a second line, CR, ...): refused");
  return text;
}

struct client::impl {
  client_config config;
  detail::redactor redact;
  std::unique_ptr<detail::http_session> http;  // made on the first request libcurl sends
  std::map<std::string, std::deque<clock_type::time_point>> sent;  // per location, for the throttle
  bool daily_exhausted = false;
  std::mt19937_64 rng;
  std::optional<clock_type::time_point> shared_deadline;
  clock_type::time_point call_ends;  // the current call's deadline

  explicit impl(client_config c) : config(std::move(c)), redact(config.token) {
    if (!config.now) config.now = [] { return clock_type::now(); };
    if (!config.sleep) config.sleep = [](milliseconds d) { std::this_thread::sleep_for(d); };
    rng.seed(config.jitter_seed ? config.jitter_seed
                                : static_cast<std::uint64_t>(clock_type::now().time_since_epoch().count()));
  }

  // What must hold before any call sends anything.
  std::optional<api_error> refuse_to_send() const {
    if (config.token.empty()) return failure(error_kind::no_token, "no access token configured");
    if (has_control_character(config.token))
      return failure(error_kind::invalid_request, "the token holds a control character (CR, LF, ...): refused");
    if (!http_scheme(config.base_url))
      return failure(error_kind::invalid_request,
                     "the base URL must start with http:// or https:// (got " + redact(config.base_url, 200) + ")");
    return std::nullopt;
  }

  void start_call() {
    call_ends = config.now() + config.deadline;
    if (shared_deadline) call_ends = std::min(call_ends, *shared_deadline);
  }

  milliseconds time_left() const {
    return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(call_ends - config.now()));
  }

  void log(const std::string& line) const {
    if (config.log) config.log(redact(line, 4096));
  }

  void wait(milliseconds d, const std::string& why) {
    log("waiting " + std::to_string(d.count()) + " ms: " + why);
    config.sleep(d);
  }

  // Full jitter: uniform in [0, min(cap, base * 2^attempt)].
  milliseconds backoff(int attempt) {
    const auto exp = config.backoff_base.count() << std::min(attempt, 20);
    const auto ceiling = std::min<long long>(exp, config.backoff_cap.count());
    return milliseconds(std::uniform_int_distribution<long long>(0, std::max<long long>(ceiling, 0))(rng));
  }

  void throttle(const std::string& location) {
    auto& times = sent[location];
    const auto window = config.throttle_window;
    while (true) {
      const auto now = config.now();
      while (!times.empty() && now - times.front() >= window) times.pop_front();
      if (static_cast<int>(times.size()) < config.throttle_requests) break;
      wait(std::min(config.backoff_cap, std::chrono::duration_cast<milliseconds>(times.front() + window - now) +
                                            milliseconds(1)),
           "client-side throttle (" + std::to_string(config.throttle_requests) + " requests per " +
               std::to_string(window.count()) + " ms per location)");
    }
    times.push_back(config.now());
  }

  api_error error_from(const raw_response& r, int attempts) const {
    api_error e;
    e.kind = kind_of_status(r.status);
    e.http_status = static_cast<int>(r.status);
    e.limits = limits_of(r.headers);
    e.attempts = attempts;
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    e.body_excerpt = body.is_discarded() ? redact(r.body, 512) : redact.json(body, 512);
    if (body.is_object()) {
      if (const auto m = body.find("message"); m != body.end()) {
        if (m->is_string()) e.message = m->get<std::string>();
        else if (m->is_array())
          for (const auto& part : *m)
            e.message += (e.message.empty() ? "" : "; ") + (part.is_string() ? part.get<std::string>() : redact.json(part, 2048));
      }
      if (const auto x = body.find("error"); x != body.end() && x->is_string()) e.error = x->get<std::string>();
      if (const auto t = body.find("traceId"); t != body.end() && t->is_string()) e.trace_id = t->get<std::string>();
    }
    if (e.message.empty()) e.message = e.error.empty() ? "the server sent no message" : e.error;
    redact.scrub(e);
    return e;
  }

  raw_response send(const detail::http_request& request) {
    if (config.transport) return config.transport(request.url);
    if (!http) http = std::make_unique<detail::http_session>();
    return http->get(request);
  }

  // The wait a 429/503 response asks for (Retry-After, or an exhausted burst interval).
  static std::optional<std::pair<milliseconds, std::string>> server_wait(const rate_limits& limits) {
    if (limits.retry_after) {
      if (const auto w = retry_after_wait(*limits.retry_after)) return std::make_pair(*w, "Retry-After");
    } else if (limits.remaining && *limits.remaining <= 0 && limits.interval_ms) {
      return std::make_pair(milliseconds(std::clamp<std::int64_t>(*limits.interval_ms, 0, 86400000)),
                            "X-RateLimit-Interval-Milliseconds");
    }
    return std::nullopt;
  }

  result<std::string, api_error> get(const std::string& path_and_query, const std::string& location);
  detail::http_request request_for(const std::string& path_and_query) const;
  std::optional<api_error> stop_before(int attempt) const;
  api_error too_large(const raw_response& r, int attempt) const;
  std::optional<std::pair<milliseconds, std::string>> retry_wait(const raw_response& r, const rate_limits& limits,
                                                                 int attempt, bool last, api_error& e);

  api_error decode_failure(const error& e, const std::string& body) const {
    api_error out;
    out.kind = error_kind::decode;
    out.http_status = 200;
    out.message = e.message;
    out.body_excerpt = redact(body, 512);
    redact.scrub(out);
    return out;
  }
};

// One GET with its retries, within the call's deadline.
result<std::string, api_error> client::impl::get(const std::string& path_and_query, const std::string& location) {
  detail::http_request request = request_for(path_and_query);
  const int attempts_allowed = std::max(0, config.max_retries) + 1;
  for (int attempt = 1;; ++attempt) {
    if (auto stop = stop_before(attempt)) return *stop;
    request.total_timeout_ms =
        static_cast<long>(std::max<long long>(1, std::min(config.total_timeout, time_left()).count()));
    throttle(location);
    const auto started = config.now();
    const raw_response r = send(request);
    const auto took = std::chrono::duration_cast<milliseconds>(config.now() - started).count();
    const bool last = attempt >= attempts_allowed;
    if (r.too_large) return too_large(r, attempt);
    if (r.failed) {
      api_error e = failure(r.timed_out ? error_kind::timeout : error_kind::transport, *r.failed, attempt);
      redact.scrub(e);
      log("GET " + path_and_query + " -> " + to_string(e.kind) + " (" + e.message + ") in " + std::to_string(took) + " ms");
      const milliseconds pause = backoff(attempt);
      if (last || pause >= time_left()) return e;
      wait(pause, "retry " + std::to_string(attempt) + " after " + to_string(e.kind));
      continue;
    }
    log("GET " + path_and_query + " -> " + std::to_string(r.status) + " in " + std::to_string(took) + " ms");
    const rate_limits limits = limits_of(r.headers);
    if (limits.daily_remaining && *limits.daily_remaining <= 0) daily_exhausted = true;
    if (r.status >= 200 && r.status < 300) return r.body;
    api_error e = error_from(r, attempt);
    const auto pause = retry_wait(r, limits, attempt, last, e);
    if (!pause) return e;
    wait(pause->first, pause->second);
  }
}

detail::http_request client::impl::request_for(const std::string& path_and_query) const {
  detail::http_request request;
  request.url = config.base_url + path_and_query;
  request.headers = {"Authorization: Bearer " + config.token, "Version: " + config.version, "Accept: application/json",
                     std::string("User-Agent: recur/") + RECUR_VERSION + " (libcurl)"};
  request.connect_timeout_ms = static_cast<long>(config.connect_timeout.count());
  request.max_body = config.max_body_bytes;
  return request;
}

// Why the next attempt must not be sent: the daily limit is used up, or the deadline passed.
std::optional<api_error> client::impl::stop_before(int attempt) const {
  if (daily_exhausted)
    return failure(error_kind::rate_limited,
                   "the daily request limit is used up (X-RateLimit-Daily-Remaining: 0); not sending", attempt - 1);
  if (time_left() <= milliseconds(0))
    return failure(error_kind::timeout,
                   "the call's deadline of " + std::to_string(config.deadline.count()) + " ms has passed", attempt - 1);
  return std::nullopt;
}

api_error client::impl::too_large(const raw_response& r, int attempt) const {
  api_error e = failure(error_kind::decode,
                        "the response is larger than " + std::to_string(config.max_body_bytes) +
                            " bytes (client_config::max_body_bytes)", attempt);
  e.http_status = static_cast<int>(r.status);
  return e;
}

// How long to wait before retrying an HTTP error, and why; none when `e` is the answer (the
// status is not retryable, no attempt is left, or the wait would break the cap or deadline,
// which `e`'s message then says). A server's wait is obeyed or the call fails: never early.
std::optional<std::pair<milliseconds, std::string>> client::impl::retry_wait(const raw_response& r,
                                                                             const rate_limits& limits, int attempt,
                                                                             bool last, api_error& e) {
  const bool retryable = r.status == 429 || r.status == 502 || r.status == 503 || r.status == 504;
  if (!retryable || last || (r.status == 429 && daily_exhausted)) return std::nullopt;
  const std::string why = "retry " + std::to_string(attempt) + " after HTTP " + std::to_string(r.status);
  const std::string no_time =
      "the call's deadline of " + std::to_string(config.deadline.count()) + " ms leaves no time to retry";
  if (const auto asked = server_wait(limits)) {
    if (asked->first > config.backoff_cap || asked->first >= time_left()) {
      if (r.status == 429) e.kind = error_kind::rate_limited;
      e.message += " (the server asks to wait " + std::to_string(asked->first.count()) + " ms by " + asked->second +
                   (asked->first > config.backoff_cap
                        ? ", longer than the wait cap of " + std::to_string(config.backoff_cap.count()) + " ms)"
                        : "; " + no_time + ")");
      return std::nullopt;
    }
    return std::make_pair(asked->first, why + " (" + asked->second + ")");
  }
  const milliseconds pause = backoff(attempt);
  if (pause >= time_left()) {
    e.message += " (" + no_time + ")";
    return std::nullopt;
  }
  return std::make_pair(pause, why);
}

client::client(client_config config) : impl_(std::make_unique<impl>(std::move(config))) {}
client::~client() = default;
client::client(client&&) noexcept = default;
client& client::operator=(client&&) noexcept = default;

void client::set_deadline(std::chrono::steady_clock::time_point ends) { impl_->shared_deadline = ends; }

namespace {

std::string list_path(const events_query& q, std::int64_t from, std::int64_t to) {
  std::string path = "/calendars/events?locationId=" + url_encode(q.location_id) + "&startTime=" + std::to_string(from) +
                     "&endTime=" + std::to_string(to);
  if (!q.calendar_id.empty()) path += "&calendarId=" + url_encode(q.calendar_id);
  if (!q.group_id.empty()) path += "&groupId=" + url_encode(q.group_id);
  if (!q.user_id.empty()) path += "&userId=" + url_encode(q.user_id);
  return path;
}

std::optional<api_error> check_query(const events_query& q, std::int64_t span, int max_windows) {
  if (q.location_id.empty()) return failure(error_kind::invalid_request, "locationId is required");
  if (q.calendar_id.empty() && q.group_id.empty() && q.user_id.empty())
    return failure(error_kind::invalid_request, "one of calendarId, groupId or userId is required");
  const std::int64_t start_ms = unix_ms(q.start), end_ms = unix_ms(q.end);
  if (start_ms > end_ms) return failure(error_kind::invalid_request, "startTime is after endTime");
  if (start_ms < first_ms || end_ms > last_ms)
    return failure(error_kind::invalid_request, "the range must lie in years 1..9999 (epoch ms " +
                                                    std::to_string(first_ms) + " .. " + std::to_string(last_ms) + ")");
  const std::int64_t windows = (end_ms - start_ms) / span + 1;
  if (windows > max_windows)
    return failure(error_kind::invalid_request,
                   "the range needs " + std::to_string(windows) + " requests of at most " +
                       std::to_string(span / 86400000) + " days, more than the limit of " + std::to_string(max_windows) +
                       " (client_config::max_windows); ask for a shorter range");
  return std::nullopt;
}

}  // namespace

result<events_result, api_error> client::list_events(const events_query& q) {
  const std::int64_t span = std::max<std::int64_t>(1, std::chrono::duration_cast<milliseconds>(impl_->config.max_window).count());
  if (auto refused = check_query(q, span, impl_->config.max_windows)) return *refused;
  if (auto refused = impl_->refuse_to_send()) return *refused;
  impl_->start_call();
  events_result out;
  std::unordered_set<std::string> earlier_windows;  // events' JSON text from the windows before
  const std::int64_t end_ms = unix_ms(q.end);
  for (std::int64_t from = unix_ms(q.start);;) {
    const std::int64_t to = std::min(end_ms, from + (span - 1));
    auto body = impl_->get(list_path(q, from, to), q.location_id);
    if (!body) return body.err();  // a window failed: never a partial result
    decode_options options;
    options.assumed_zone = impl_->config.assumed_zone;
    auto decoded = decode_events(body.value(), options);
    if (!decoded) return impl_->decode_failure(decoded.err(), body.value());
    out.windows.push_back(covered_window{from_unix_ms(from), from_unix_ms(to), decoded.value().events.size()});
    std::vector<std::string> this_window;
    for (calendar_event& e : decoded.value().events) {
      if (earlier_windows.count(e.source_json)) continue;  // the same event, spanning a window boundary
      this_window.push_back(e.source_json);
      out.events.push_back(std::move(e));
    }
    earlier_windows.insert(this_window.begin(), this_window.end());
    for (std::string& w : decoded.value().warnings) out.warnings.push_back(std::move(w));
    if (to >= end_ms) break;
    from = to + 1;
  }
  return out;
}

result<calendar_event, api_error> client::get_event(const std::string& event_id) {
  if (event_id.empty() || event_id == "." || event_id == "..")
    return failure(error_kind::invalid_request, "the event id '" + impl_->redact(event_id, 100) +
                                                    "' cannot name one path segment");
  if (auto refused = impl_->refuse_to_send()) return *refused;
  impl_->start_call();
  auto body = impl_->get("/calendars/events/appointments/" + url_encode(event_id), "");
  if (!body) return body.err();
  decode_options options;
  options.assumed_zone = impl_->config.assumed_zone;
  auto decoded = decode_event(body.value(), options);
  if (!decoded) return impl_->decode_failure(decoded.err(), body.value());
  return std::move(decoded.value().events.front());
}

}  // namespace recur::api
