// libFuzzer harness: the API client's handling of whatever a server sends, with no network.
// The input is a script of responses (status, headers, body) served by an injected transport
// to list_events over two windows and to get_event; the clock moves only when the client
// sleeps. Checks: the call ends with a result or a typed error; no error field (or log line)
// holds the token or a 12-byte piece of it; a result has one covered window per request.
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "recur/api/client.hpp"

namespace {

const std::string token = "fuzz-TOKEN-5e2b9c04d17a4f63";

bool leaks(const std::string& text) {
  for (std::size_t i = 0; i + 12 <= token.size(); ++i)
    if (text.find(token.substr(i, 12)) != std::string::npos) return true;  // the whole token contains these
  return false;
}

void check(const recur::api::api_error& e) {
  if (leaks(e.message) || leaks(e.error) || leaks(e.trace_id) || leaks(e.body_excerpt) || leaks(e.describe()))
    std::abort();
  if (e.limits.retry_after && leaks(*e.limits.retry_after)) std::abort();
}

// Responses: [status u16][header count u8]{[name len u8][name][value len u8][value]}[body len u16][body]...
std::vector<recur::api::raw_response> script(recur::fuzz::input& in) {
  std::vector<recur::api::raw_response> out;
  for (int k = 0; k < 8 && !in.rest().empty(); ++k) {
    recur::api::raw_response r;
    const auto status = in.take<std::uint16_t>();
    if (status % 50 == 0) r.failed = "connection reset";
    r.timed_out = status % 50 == 1;
    r.too_large = status % 50 == 2;
    r.status = status % 600;
    const std::uint8_t headers = in.take<std::uint8_t>() % 6;
    for (std::uint8_t h = 0; h < headers; ++h) {
      const auto name_len = in.take<std::uint8_t>() % 40;
      std::string name(in.rest().substr(0, name_len));
      in.take_bytes(name.size());
      const auto value_len = in.take<std::uint8_t>();
      std::string value(in.rest().substr(0, value_len));
      in.take_bytes(value.size());
      r.headers[name] = value;
    }
    const auto body_len = in.take<std::uint16_t>();
    r.body = std::string(in.rest().substr(0, body_len));
    in.take_bytes(r.body.size());
    out.push_back(std::move(r));
  }
  if (out.empty()) out.emplace_back();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  recur::fuzz::input in(data, size);
  const std::vector<recur::api::raw_response> replies = script(in);
  std::size_t served = 0;
  std::chrono::steady_clock::time_point now{};
  bool leaked_in_log = false;
  recur::api::client_config config;
  config.base_url = "https://api.example";
  config.token = token;
  config.jitter_seed = 1;
  config.max_retries = 2;
  config.now = [&] { return now; };
  config.sleep = [&](std::chrono::milliseconds d) { now += d; };
  config.log = [&](const std::string& line) { leaked_in_log = leaked_in_log || leaks(line); };
  config.transport = [&](const std::string&) { return replies[std::min(served++, replies.size() - 1)]; };
  recur::api::client c(config);
  recur::api::events_query q;
  q.location_id = "loc";
  q.calendar_id = "cal";
  q.start = recur::from_unix_ms(1790812800000);
  q.end = q.start + std::chrono::hours(24 * 40);  // two windows
  const auto listed = c.list_events(q);
  if (listed) {
    if (listed.value().windows.size() != 2) std::abort();
  } else {
    check(listed.err());
  }
  const auto one = c.get_event("m1");
  if (!one) check(one.err());
  if (leaked_in_log) std::abort();
  return 0;
}
