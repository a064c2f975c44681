// Private: one HTTP GET through libcurl (the only file that includes curl.h is http.cpp).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace recur::api::detail {

struct http_request {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  long connect_timeout_ms = 10000;
  long total_timeout_ms = 30000;
  std::size_t max_body = std::size_t{64} << 20;  // larger bodies are a transport error
};

struct http_outcome {
  enum class failure { none, timeout, transport } failed = failure::none;
  std::string failure_message;               // curl's explanation when failed
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names, last value wins
};

// Keeps one curl handle so connections are reused between requests. Not thread-safe.
class http_session {
 public:
  http_session();
  ~http_session();
  http_session(const http_session&) = delete;
  http_session& operator=(const http_session&) = delete;

  http_outcome get(const http_request& request);

 private:
  void* handle_;  // CURL*
};

}  // namespace recur::api::detail
