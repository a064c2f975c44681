// instance_ids ZONE FROM_MS TO_MS < event.json
//
// Reads one calendar API event as JSON on stdin (`{"event": {...}}` or the bare object): a
// master with `rrule`, or a single event. Prints the instance ids of its occurrences that
// overlap [FROM_MS, TO_MS] (epoch milliseconds), one a line, ascending; a single event prints
// its own id. Bad input: one line on stderr, exit status 2.
//
//     echo '{"id": "m1", "rrule": "RRULE:FREQ=DAILY;COUNT=3", "startTime": "2026-03-01T09:00:00-05:00",
//            "endTime": "2026-03-01T09:30:00-05:00"}' | instance_ids America/New_York 0 1900000000000
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <string>

#include "recur/api/event_json.hpp"
#include "recur/event_series.hpp"

namespace {

int fail(const std::string& why) {
  std::cerr << "instance_ids: " << why << '\n';
  return 2;
}

bool read_ms(const char* text, std::int64_t& out) {
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0') return false;
  out = value;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) return fail("usage: instance_ids ZONE FROM_MS TO_MS < event.json");
  const auto tz = recur::zone::load(argv[1]);
  if (!tz) return fail(tz.err().message);
  std::int64_t from = 0, to = 0;
  if (!read_ms(argv[2], from)) return fail("FROM_MS '" + std::string(argv[2]) + "' is not epoch milliseconds");
  if (!read_ms(argv[3], to)) return fail("TO_MS '" + std::string(argv[3]) + "' is not epoch milliseconds");
  if (from > to) return fail("FROM_MS is after TO_MS");

  const std::string json{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  const auto decoded = recur::api::decode_event(json);
  if (!decoded) return fail(decoded.err().message);
  const recur::event event = recur::api::to_event(decoded->events.front());  // the engine's neutral view
  if (!event.problems.empty()) return fail(event.problems.front());

  const recur::window window{recur::from_unix_ms(from), recur::from_unix_ms(to)};
  const auto ids = recur::instance_ids_of(event, *tz, window);
  if (!ids) return fail(ids.err().message);
  for (const std::string& id : *ids) std::cout << id << '\n';
}
