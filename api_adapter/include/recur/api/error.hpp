/// @file
/// recur/api/error.hpp: typed errors of the calendar API client.
///
/// Every failure is one `api_error` with a `kind` a caller can switch on, the HTTP status (0
/// when no response arrived), the server's message and details, a truncated copy of the body,
/// and the rate-limit headers. The access token never appears in any of them: the client
/// redacts it from everything it keeps.
///
/// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "recur/export.hpp"
#include "recur/result.hpp"

namespace recur::api {

enum class error_kind {
  invalid_request,  ///< the query was refused before sending (no locationId, no calendar/group/user, from > to)
  no_token,         ///< no access token configured
  unauthorized,     ///< 401
  forbidden,        ///< 403
  not_found,        ///< 404
  validation,       ///< 400, 422
  rate_limited,     ///< 429 after the retries, or the daily limit is used up (X-RateLimit-Daily-Remaining: 0)
  server,           ///< 5xx
  http,             ///< any other unexpected status
  transport,        ///< no response: refused, reset, DNS, TLS
  timeout,          ///< connect or total timeout
  decode,           ///< malformed, truncated or non-JSON body
};

RECUR_EXPORT const char* to_string(error_kind k) noexcept;  ///< "Unauthorized", "RateLimited", ...

struct rate_limits {  ///< as the last response sent them
                                   std::optional<std::int64_t> remaining, daily_remaining, interval_ms, max;
  std::optional<std::string> retry_after;
};

struct RECUR_EXPORT api_error {
  error_kind kind = error_kind::transport;
  int http_status = 0;
  std::string message;       ///< the server's message (string or joined array), or what went wrong
  std::string error;         ///< the server's "error" field, if any
  std::string trace_id;      ///< the server's "traceId", if any
  std::string body_excerpt;  ///< the first 512 bytes of the body
  rate_limits limits;
  int attempts = 0;          ///< requests made, retries included

  /// One line: "Unauthorized (HTTP 401): Invalid token: access token is invalid".
  std::string describe() const;
  /// Network problems (transport, timeout) as opposed to answers from the API.
  bool network() const noexcept { return kind == error_kind::transport || kind == error_kind::timeout; }
};

/// What result<T, api_error>::value() throws on an error: a recur_error (code api_failure,
/// message describe()) that keeps the whole api_error.
class RECUR_EXPORT api_exception : public recur_error {
 public:
  explicit api_exception(api_error e);
  const api_error& api_err() const noexcept { return api_error_; }

 private:
  api_error api_error_;
};

[[noreturn]] RECUR_EXPORT void throw_error(const api_error& e);

}  // namespace recur::api
