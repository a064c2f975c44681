// libFuzzer harness: reconcile over decoded events (masters taken from the master rows), in a
// zone the first byte chooses. Every fetched event must land in exactly one category. The
// same bytes as a request of `reconcile --batch` (reconcile_json) must give one line of JSON.
#include <cstdlib>

#include "fuzz_input.hpp"
#include "recur/api/event_json.hpp"
#include "recur/api/reconcile_json.hpp"
#include "recur/reconcile.hpp"

namespace {

void check_request_answer(std::string_view request) {
  recur::api::reconcile_request_options options;
  options.max_missing = 1000;  // the request's window may span the calendar
  const std::string answer = recur::api::reconcile_json(request, options).json;
  if (answer.rfind("{\"location\":", 0) != 0 || answer.back() != '}' || answer.find('\n') != std::string::npos)
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_request_answer(std::string_view(reinterpret_cast<const char*>(data), size));
  recur::fuzz::input in(data, size);
  const std::uint8_t zone_index = in.take<std::uint8_t>();
  const auto decoded = recur::api::decode_events(in.rest());
  if (!decoded) return 0;
  const std::vector<recur::event> events = recur::api::to_events(decoded.value().events);
  std::vector<recur::event> masters;
  recur::instant lo = recur::instant::max(), hi = recur::instant::min();
  for (const recur::event& e : events) {
    if (e.is_master()) masters.push_back(e);
    if (e.start) lo = std::min(lo, *e.start);
    if (e.end) hi = std::max(hi, *e.end);
  }
  if (lo > hi) return 0;
  hi = std::min(hi, lo + std::chrono::hours(24 * 400));  // a bounded window (times are within years 1..9999)
  const recur::zone& z = recur::fuzz::cached_zone(zone_index);
  const auto reconciled = recur::reconcile(events, masters, z, recur::window{lo, hi});
  if (!reconciled) {
    if (reconciled.err().code != recur::error_code::limit_exceeded) std::abort();  // the only way it fails
    return 0;
  }
  const auto& s = reconciled.value().summary;
  if (s.fetched != s.matched + s.unexpected + s.moved + s.duration_mismatch + s.duplicate + s.malformed + s.orphan +
                       s.single + s.master)
    std::abort();
  if (s.expected != s.matched + s.moved + s.duration_mismatch + s.missing) std::abort();
  return 0;
}
