#include "support/fake_api.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <deque>
#include <thread>

#include "recur/iso8601.hpp"

namespace recur::test {
namespace {

// The API's own Content-Type. cpp-httplib compresses bodies whose type is exactly
// "application/json" with the best encoding the client accepts; libcurl accepts Brotli, and
// cpp-httplib's Brotli runs at quality 11, which takes ~45 s for a 10 MB body on a 2-core
// machine. With a charset parameter it sends the body as it is, at loopback speed.
constexpr const char* json_type = "application/json; charset=utf-8";

}  // namespace

struct fake_api::impl {
  std::string token;
  nlohmann::json events;
  httplib::Server server;
  std::thread thread;
  int port = 0;
  mutable std::mutex mutex;
  std::deque<injected_response> injected;
  std::vector<recorded_request> requests;

  void record(const httplib::Request& req) {
    recorded_request r;
    r.path = req.path;
    for (const auto& [k, v] : req.params) r.params[k] = v;
    for (const char* h : {"Authorization", "Version", "Accept", "User-Agent"})
      if (req.has_header(h)) r.headers[h] = req.get_header_value(h);
    std::lock_guard<std::mutex> lock(mutex);
    requests.push_back(std::move(r));
  }

  // Serves an injected response if one is queued; true when it did.
  bool serve_injected(httplib::Response& res) {
    injected_response r;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (injected.empty()) return false;
      r = injected.front();
      injected.pop_front();
    }
    if (r.delay_ms) std::this_thread::sleep_for(std::chrono::milliseconds(r.delay_ms));
    res.status = r.status;
    for (const auto& [k, v] : r.headers) res.set_header(k, v);
    if (r.drip_ms) {
      auto body = std::make_shared<std::string>(r.body);
      const int drip = r.drip_ms;
      res.set_chunked_content_provider(json_type, [body, drip](std::size_t offset, httplib::DataSink& sink) {
        if (offset >= body->size()) {
          sink.done();
          return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(drip));
        const std::size_t n = std::min<std::size_t>(16, body->size() - offset);
        return sink.write(body->data() + offset, n);
      });
    } else if (r.reset_mid_body) {
      auto body = std::make_shared<std::string>(r.body);
      res.set_content_provider(body->size(), json_type,
                               [body](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                 if (offset > 0) return false;  // drop the connection half-way
                                 sink.write(body->data(), body->size() / 2);
                                 return true;
                               });
    } else {
      res.set_content(r.body, json_type);
    }
    return true;
  }

  bool authorized(const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Authorization") != "Bearer " + token) {
      res.status = 401;
      res.set_content(R"({"statusCode":401,"message":"Invalid token: access token is invalid","error":"Unauthorized"})",
                      json_type);
      return false;
    }
    if (req.get_header_value("Version") != "2021-04-15") {
      res.status = 400;
      res.set_content(R"({"statusCode":400,"message":"Version header must be 2021-04-15"})", json_type);
      return false;
    }
    return true;
  }

  void list(const httplib::Request& req, httplib::Response& res) {
    record(req);
    if (serve_injected(res) || !authorized(req, res)) return;
    for (const char* p : {"locationId", "startTime", "endTime"})
      if (!req.has_param(p)) {
        res.status = 400;
        res.set_content(nlohmann::json{{"statusCode", 400}, {"message", std::string(p) + " is required"}}.dump(),
                        json_type);
        return;
      }
    if (!req.has_param("calendarId") && !req.has_param("groupId") && !req.has_param("userId")) {
      res.status = 400;
      res.set_content(R"({"statusCode":400,"message":["Either of calendarId, userId or groupId is required"]})",
                      json_type);
      return;
    }
    const std::int64_t from = std::stoll(req.get_param_value("startTime"));
    const std::int64_t to = std::stoll(req.get_param_value("endTime"));
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : events) {
      if (e.contains("rrule") && !e.contains("masterEventId")) continue;  // masters are served by id
      const auto start = parse_iso8601(e.value("startTime", ""));
      if (!start || !start->offset) continue;
      const std::int64_t ms = unix_ms(*start->as_written());
      if (ms >= from && ms <= to) out.push_back(e);
    }
    res.set_content(nlohmann::json{{"events", out}, {"traceId", "fake-trace"}}.dump(), json_type);
  }

  void one(const httplib::Request& req, httplib::Response& res) {
    record(req);
    if (serve_injected(res) || !authorized(req, res)) return;
    const std::string id = req.matches[1];
    for (const auto& e : events)
      if (e.value("id", "") == id) {
        res.set_content(nlohmann::json{{"event", e}, {"traceId", "fake-trace"}}.dump(), json_type);
        return;
      }
    res.status = 404;
    res.set_content(R"({"statusCode":404,"message":"Event not found","traceId":"fake-404"})", json_type);
  }
};

fake_api::fake_api(std::string token, const std::string& fixture_json) : impl_(std::make_unique<impl>()) {
  impl_->token = std::move(token);
  impl_->events = nlohmann::json::parse(fixture_json)["events"];
  impl_->server.Get("/calendars/events", [this](const httplib::Request& q, httplib::Response& r) { impl_->list(q, r); });
  impl_->server.Get(R"(/calendars/events/appointments/(.+))",
                    [this](const httplib::Request& q, httplib::Response& r) { impl_->one(q, r); });
  impl_->port = impl_->server.bind_to_any_port("127.0.0.1");
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  for (int i = 0; i < 5000 && !impl_->server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

fake_api::~fake_api() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::string fake_api::base_url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }

void fake_api::inject(injected_response r) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->injected.push_back(std::move(r));
}

std::vector<recorded_request> fake_api::requests() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->requests;
}

}  // namespace recur::test
