#include "http.hpp"

#include <curl/curl.h>
#include <dlfcn.h>
#include <elf.h>
#include <link.h>

#include <algorithm>
#include <cctype>

namespace recur::api::detail {
namespace {

// libcurl is loaded on the first request, not at program start: linked directly, it and the
// libraries it pulls in (TLS, SSH, LDAP, RTMP, ...) cost a program that never sends a request
// ~20 ms at every start (recur expand included). Loaded once per process, then read-only.
struct libcurl {
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL*);
  void (*easy_reset)(CURL*);
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  const char* (*easy_strerror)(CURLcode);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
  std::string problem;  // why it could not be loaded; empty when loaded
};

template <typename F>
bool resolve(void* library, const char* name, F& target, std::string& problem) {
  target = reinterpret_cast<F>(dlsym(library, name));
  if (!target && problem.empty()) problem = std::string("libcurl has no ") + name;
  return target != nullptr;
}

// Whether the main program was linked without the dynamic loader (no PT_INTERP): dlopen there
// would bring a second C library into the process, so libcurl is refused instead.
bool statically_linked() noexcept {
  bool has_interpreter = false;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* found) {
        for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i)
          if (info->dlpi_phdr[i].p_type == PT_INTERP) *static_cast<bool*>(found) = true;
        return 1;  // the first object listed is the main program
      },
      &has_interpreter);
  return !has_interpreter;
}

libcurl load_libcurl() {
  libcurl api{};
  if (statically_linked()) {
    api.problem = "libcurl cannot be loaded into a statically linked program (link it dynamically)";
    return api;
  }
  void* library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    const char* why = dlerror();
    api.problem = std::string("libcurl (libcurl.so.4) could not be loaded") + (why ? std::string(": ") + why : "");
    return api;
  }
  resolve(library, "curl_easy_init", api.easy_init, api.problem);
  resolve(library, "curl_easy_cleanup", api.easy_cleanup, api.problem);
  resolve(library, "curl_easy_reset", api.easy_reset, api.problem);
  resolve(library, "curl_easy_setopt", api.easy_setopt, api.problem);
  resolve(library, "curl_easy_perform", api.easy_perform, api.problem);
  resolve(library, "curl_easy_getinfo", api.easy_getinfo, api.problem);
  resolve(library, "curl_easy_strerror", api.easy_strerror, api.problem);
  resolve(library, "curl_slist_append", api.slist_append, api.problem);
  resolve(library, "curl_slist_free_all", api.slist_free_all, api.problem);
  return api;  // the library stays loaded for the process's life
}

const libcurl& curl_api() {
  static const libcurl loaded = load_libcurl();  // thread-safe, once
  return loaded;
}

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

http_session::http_session() {
  const libcurl& api = curl_api();
  handle_ = api.problem.empty() ? api.easy_init() : nullptr;
}

http_session::~http_session() {
  if (handle_) curl_api().easy_cleanup(static_cast<CURL*>(handle_));
}

raw_response http_session::get(const http_request& request) {
  raw_response out;
  const libcurl& api = curl_api();
  CURL* curl = static_cast<CURL*>(handle_);
  if (!curl) {
    out.failed = api.problem.empty() ? "libcurl could not be initialised" : api.problem;
    return out;
  }
  api.easy_reset(curl);  // keeps the connection cache
  transfer t{&out, request.max_body};
  char error_text[CURL_ERROR_SIZE] = {};
  curl_slist* headers = nullptr;
  for (const std::string& h : request.headers) headers = api.slist_append(headers, h.c_str());
  api.easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  api.easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  api.easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  api.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, request.connect_timeout_ms);
  api.easy_setopt(curl, CURLOPT_TIMEOUT_MS, request.total_timeout_ms);
  api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  // http and https only, for the request and any redirect: never file://, gopher://, ...
  api.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  api.easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  api.easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  api.easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  api.easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  api.easy_setopt(curl, CURLOPT_HEADERDATA, &t);
  api.easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  const CURLcode code = api.easy_perform(curl);
  api.slist_free_all(headers);
  api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
  if (t.too_large) {
    out.too_large = true;
    return out;
  }
  if (code != CURLE_OK) {
    out.timed_out = code == CURLE_OPERATION_TIMEDOUT;
    out.failed = std::string(api.easy_strerror(code)) + (error_text[0] ? std::string(": ") + error_text : "");
  }
  return out;
}

}  // namespace recur::api::detail
