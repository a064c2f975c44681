// Decodes one API event with recur::json and prints its id and start in epoch ms.
#include <iostream>

#include "recur/api/event_json.hpp"

int main() {
  const auto decoded = recur::api::decode_event(
      R"({"event": {"id": "e1", "startTime": "2026-03-01T09:00:00Z", "endTime": "2026-03-01T09:30:00Z"}})");
  if (!decoded) return 1;
  const recur::event& e = decoded.value().events.front();
  std::cout << e.id << ' ' << *e.start_ms << '\n';
}
