// A fake of the calendar API on 127.0.0.1 (an ephemeral port), for the client and end-to-end
// tests. It implements the documented contract (Authorization and Version headers, required
// query parameters, {"events": [...]} and {"event": {...}}) over fixture events, and can be
// told to answer the next requests with injected failures.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace recur::test {

struct injected_response {
  int status = 200;
  std::string body;
  std::map<std::string, std::string> headers;
  int delay_ms = 0;             // sleep before answering (a slow server)
  bool reset_mid_body = false;  // send half the body, then drop the connection
  int drip_ms = 0;              // send the body 16 bytes at a time, this long apart (a slow drip)
};

struct recorded_request {
  std::string path;
  std::map<std::string, std::string> params;
  std::map<std::string, std::string> headers;  // Authorization, Version, Accept, User-Agent
};

class fake_api {
 public:
  // `fixture_json` is an API response {"events": [...]}; masters are served by id too.
  fake_api(std::string token, const std::string& fixture_json);
  ~fake_api();
  fake_api(const fake_api&) = delete;
  fake_api& operator=(const fake_api&) = delete;

  std::string base_url() const;
  void inject(injected_response r);  // served, in order, instead of the next requests
  std::vector<recorded_request> requests() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace recur::test
