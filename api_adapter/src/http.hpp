// Private: one HTTP GET through libcurl (the only file that includes curl.h is http.cpp), which
// is loaded on the first session, not linked: see http.cpp.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "recur/api/client.hpp"

namespace recur::api::detail {

struct http_request {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  long connect_timeout_ms = 10000;
  long total_timeout_ms = 30000;
  std::size_t max_body = std::size_t{64} << 20;  // larger bodies stop the transfer (too_large)
};

// Keeps one curl handle so connections are reused between requests. Not thread-safe.
class http_session {
 public:
  http_session();
  ~http_session();
  http_session(const http_session&) = delete;
  http_session& operator=(const http_session&) = delete;

  raw_response get(const http_request& request);

 private:
  void* handle_ = nullptr;  // CURL*; null when libcurl could not be loaded
};

}  // namespace recur::api::detail
