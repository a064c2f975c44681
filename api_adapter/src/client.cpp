#include "recur/api/client.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <fstream>
#include <map>
#include <random>
#include <thread>
#include <unordered_set>

#include "http.hpp"

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

result<std::string, api_error> load_token(const std::string& token_file) {
  if (const char* env = std::getenv("GHL_TOKEN"); env && *env) return std::string(env);
  api_error e;
  e.kind = error_kind::no_token;
  if (token_file.empty()) {
    e.message = "no access token: set GHL_TOKEN or pass --token-file FILE";
    return e;
  }
  std::ifstream in(token_file);
  std::string line;
  if (!in || !std::getline(in, line)) {
    e.message = "cannot read a token from " + token_file;
    return e;
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
  if (line.empty()) {
    e.message = token_file + " holds no token";
    return e;
  }
  return line;
}

struct client::impl {
  client_config config;
  detail::http_session http;
  std::map<std::string, std::deque<clock_type::time_point>> sent;  // per location, for the throttle
  bool daily_exhausted = false;
  std::mt19937_64 rng;

  explicit impl(client_config c) : config(std::move(c)) {
    if (!config.now) config.now = [] { return clock_type::now(); };
    if (!config.sleep) config.sleep = [](milliseconds d) { std::this_thread::sleep_for(d); };
    rng.seed(config.jitter_seed ? config.jitter_seed
                                : static_cast<std::uint64_t>(clock_type::now().time_since_epoch().count()));
  }

  // The token never leaves the client: strip it from anything kept or logged.
  std::string redact(std::string text) const {
    const std::string& token = config.token;
    if (token.size() < 4) return text;
    for (std::size_t at = text.find(token); at != std::string::npos; at = text.find(token, at))
      text.replace(at, token.size(), "[redacted]");
    return text;
  }

  void log(const std::string& line) const {
    if (config.log) config.log(redact(line));
  }

  void wait(milliseconds d, const std::string& why) {
    d = std::min(d, config.backoff_cap);
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
      wait(std::chrono::duration_cast<milliseconds>(times.front() + window - now) + milliseconds(1),
           "client-side throttle (" + std::to_string(config.throttle_requests) + " requests per " +
               std::to_string(window.count()) + " ms per location)");
    }
    times.push_back(config.now());
  }

  api_error error_from(const detail::http_outcome& r, int attempts) const {
    api_error e;
    e.kind = kind_of_status(r.status);
    e.http_status = static_cast<int>(r.status);
    e.limits = limits_of(r.headers);
    e.attempts = attempts;
    e.body_excerpt = redact(r.body.substr(0, 512));
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    if (body.is_object()) {
      if (const auto m = body.find("message"); m != body.end()) {
        if (m->is_string()) e.message = m->get<std::string>();
        else if (m->is_array())
          for (const auto& part : *m) e.message += (e.message.empty() ? "" : "; ") + (part.is_string() ? part.get<std::string>() : part.dump());
      }
      if (const auto x = body.find("error"); x != body.end() && x->is_string()) e.error = x->get<std::string>();
      if (const auto t = body.find("traceId"); t != body.end() && t->is_string()) e.trace_id = t->get<std::string>();
    }
    if (e.message.empty()) e.message = e.error.empty() ? "the server sent no message" : e.error;
    e.message = redact(e.message);
    return e;
  }

  result<std::string, api_error> get(const std::string& path_and_query, const std::string& location) {
    detail::http_request request;
    request.url = config.base_url + path_and_query;
    request.headers = {"Authorization: Bearer " + config.token, "Version: " + config.version,
                       "Accept: application/json", std::string("User-Agent: recur/") + RECUR_VERSION + " (libcurl)"};
    request.connect_timeout_ms = static_cast<long>(config.connect_timeout.count());
    request.total_timeout_ms = static_cast<long>(config.total_timeout.count());
    const int attempts_allowed = std::max(0, config.max_retries) + 1;
    const auto call_started = config.now();
    const auto remaining = [&] {
      return config.deadline - std::chrono::duration_cast<milliseconds>(config.now() - call_started);
    };
    // Waits within the call's deadline; false when the deadline would pass first.
    const auto wait_within_deadline = [&](milliseconds pause, const std::string& why) {
      if (std::min(pause, config.backoff_cap) >= remaining()) return false;
      wait(pause, why);
      return true;
    };
    for (int attempt = 1;; ++attempt) {
      request.total_timeout_ms = static_cast<long>(std::max<long long>(
          1, std::min<long long>(config.total_timeout.count(), remaining().count())));
      if (daily_exhausted) {
        api_error e;
        e.kind = error_kind::rate_limited;
        e.message = "the daily request limit is used up (X-RateLimit-Daily-Remaining: 0); not sending";
        e.attempts = attempt - 1;
        return e;
      }
      throttle(location);
      const auto started = config.now();
      const detail::http_outcome r = http.get(request);
      const auto took = std::chrono::duration_cast<milliseconds>(config.now() - started).count();
      const bool last = attempt >= attempts_allowed;
      if (r.failed != detail::http_outcome::failure::none) {
        api_error e;
        e.kind = r.failed == detail::http_outcome::failure::timeout ? error_kind::timeout : error_kind::transport;
        e.message = redact(r.failure_message);
        e.attempts = attempt;
        log("GET " + path_and_query + " -> " + to_string(e.kind) + " (" + e.message + ") in " + std::to_string(took) +
            " ms");
        if (last || !wait_within_deadline(backoff(attempt), "retry " + std::to_string(attempt) + " after " + to_string(e.kind)))
          return e;
        continue;
      }
      log("GET " + path_and_query + " -> " + std::to_string(r.status) + " in " + std::to_string(took) + " ms");
      const rate_limits limits = limits_of(r.headers);
      if (limits.daily_remaining && *limits.daily_remaining <= 0) daily_exhausted = true;
      if (r.status >= 200 && r.status < 300) return r.body;
      api_error e = error_from(r, attempt);
      const bool retryable = r.status == 429 || r.status == 502 || r.status == 503 || r.status == 504;
      if (!retryable || last || (r.status == 429 && daily_exhausted)) return e;
      milliseconds pause = backoff(attempt);
      std::string why = "retry " + std::to_string(attempt) + " after HTTP " + std::to_string(r.status);
      if (limits.retry_after) {
        if (const auto w = retry_after_wait(*limits.retry_after)) {
          pause = *w;
          why += " (Retry-After: " + *limits.retry_after + ")";
        }
      } else if (limits.remaining && *limits.remaining <= 0 && limits.interval_ms) {
        pause = milliseconds(std::max<std::int64_t>(0, *limits.interval_ms));
        why += " (X-RateLimit-Remaining: 0, interval " + std::to_string(*limits.interval_ms) + " ms)";
      }
      if (!wait_within_deadline(pause, why)) {
        e.message += " (the call's deadline of " + std::to_string(config.deadline.count()) + " ms leaves no time to retry)";
        return e;
      }
    }
  }

  api_error decode_failure(const error& e, const std::string& body) const {
    api_error out;
    out.kind = error_kind::decode;
    out.http_status = 200;
    out.message = redact(e.message);
    out.body_excerpt = redact(body.substr(0, 512));
    return out;
  }
};

client::client(client_config config) : impl_(std::make_unique<impl>(std::move(config))) {}
client::~client() = default;
client::client(client&&) noexcept = default;
client& client::operator=(client&&) noexcept = default;

result<events_result, api_error> client::list_events(const events_query& q) {
  auto refuse = [](std::string why) {
    api_error e;
    e.kind = error_kind::invalid_request;
    e.message = std::move(why);
    e.attempts = 0;
    return e;
  };
  if (q.location_id.empty()) return refuse("locationId is required");
  if (q.calendar_id.empty() && q.group_id.empty() && q.user_id.empty())
    return refuse("one of calendarId, groupId or userId is required");
  if (q.start_ms > q.end_ms) return refuse("startTime is after endTime");
  if (impl_->config.token.empty()) {
    api_error e;
    e.kind = error_kind::no_token;
    e.message = "no access token configured";
    return e;
  }
  const std::int64_t span = std::chrono::duration_cast<milliseconds>(impl_->config.max_window).count();
  events_result out;
  std::unordered_set<std::string> ids;
  for (std::int64_t from = q.start_ms;;) {
    const std::int64_t to = std::min(q.end_ms, from + span - 1);
    std::string path = "/calendars/events?locationId=" + url_encode(q.location_id) +
                       "&startTime=" + std::to_string(from) + "&endTime=" + std::to_string(to);
    if (!q.calendar_id.empty()) path += "&calendarId=" + url_encode(q.calendar_id);
    if (!q.group_id.empty()) path += "&groupId=" + url_encode(q.group_id);
    if (!q.user_id.empty()) path += "&userId=" + url_encode(q.user_id);
    auto body = impl_->get(path, q.location_id);
    if (!body) return body.err();  // a window failed: never a partial result
    decode_options options;
    options.assumed_zone = impl_->config.assumed_zone;
    auto decoded = decode_events(body.value(), options);
    if (!decoded) return impl_->decode_failure(decoded.err(), body.value());
    covered_window covered{from, to, decoded.value().events.size()};
    for (event& e : decoded.value().events)
      if (e.id.empty() || ids.insert(e.id).second) out.events.push_back(std::move(e));
    for (std::string& w : decoded.value().warnings) out.warnings.push_back(std::move(w));
    out.windows.push_back(covered);
    if (to >= q.end_ms) break;
    from = to + 1;
  }
  return out;
}

result<event, api_error> client::get_event(const std::string& event_id) {
  if (event_id.empty()) {
    api_error e;
    e.kind = error_kind::invalid_request;
    e.message = "the event id is empty";
    return e;
  }
  auto body = impl_->get("/calendars/events/appointments/" + url_encode(event_id), "");
  if (!body) return body.err();
  decode_options options;
  options.assumed_zone = impl_->config.assumed_zone;
  auto decoded = decode_event(body.value(), options);
  if (!decoded) return impl_->decode_failure(decoded.err(), body.value());
  return std::move(decoded.value().events.front());
}

}  // namespace recur::api
