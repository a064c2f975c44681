// Prints the instance ids of RRULE:FREQ=DAILY;COUNT=3 from 2026-03-01T09:00:00Z, 30 minutes.
#include <iostream>

#include "recur/expand.hpp"
#include "recur/instance_id.hpp"

int main() {
  const auto text = recur::parse_recurrence("RRULE:FREQ=DAILY;COUNT=3").value_or_throw();
  const recur::series s = recur::make_series(text.value, 1772355600000, recur::zone{}, 1800000).value_or_throw();
  for (std::int64_t start : recur::expand(s, recur::window{}).starts_ms)
    std::cout << recur::format_instance_id("m", start, 1800) << '\n';
}
