#include "http.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

namespace recur::api::detail {
namespace {

struct transfer {
  raw_response* out;
  std::size_t max_body;
  bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<transfer*>(user);
  const std::size_t n = size * count;
  if (t->out->body.size() + n > t->max_body) {
    t->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  t->out->body.append(data, n);
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<transfer*>(user);
  const std::size_t n = size * count;
  std::string line(data, n);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  if (line.rfind("HTTP/", 0) == 0) {  // a new response (after 100-continue or a redirect)
    t->out->headers.clear();
    return n;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string::npos) return n;
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  std::size_t start = colon + 1;
  while (start < line.size() && line[start] == ' ') ++start;
  t->out->headers[name] = line.substr(start);
  return n;
}

}  // namespace

http_session::http_session() : handle_(curl_easy_init()) {}

http_session::~http_session() { curl_easy_cleanup(static_cast<CURL*>(handle_)); }

raw_response http_session::get(const http_request& request) {
  raw_response out;
  CURL* curl = static_cast<CURL*>(handle_);
  if (!curl) {
    out.failed = "libcurl could not be initialised";
    return out;
  }
  curl_easy_reset(curl);  // keeps the connection cache
  transfer t{&out, request.max_body};
  char error_text[CURL_ERROR_SIZE] = {};
  curl_slist* headers = nullptr;
  for (const std::string& h : request.headers) headers = curl_slist_append(headers, h.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, request.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, request.total_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  // http and https only, for the request and any redirect: never file://, gopher://, ...
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
  if (t.too_large) {
    out.too_large = true;
    return out;
  }
  if (code != CURLE_OK) {
    out.timed_out = code == CURLE_OPERATION_TIMEDOUT;
    out.failed = std::string(curl_easy_strerror(code)) + (error_text[0] ? std::string(": ") + error_text : "");
  }
  return out;
}

}  // namespace recur::api::detail
