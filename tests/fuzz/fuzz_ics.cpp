// libFuzzer harness: any bytes as an iCalendar file. An import that succeeds must export (the
// events it made are exportable by construction) and import again to as many events, with the
// same ids and instants: export then import is the identity on what import produces.
#include <cstdlib>
#include <string_view>

#include "recur/ics.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  recur::ics::import_options options;
  options.default_zone = recur::zone::load("America/New_York").value();
  const auto imported = recur::ics::import_calendar(text, options);
  if (!imported) return 0;
  recur::ics::export_options out;
  out.stamp = recur::from_unix_ms(0);
  const auto exported = recur::ics::export_calendar(imported->events, out);
  if (!exported) std::abort();
  const auto again = recur::ics::import_calendar(*exported);
  if (!again || again->events.size() != imported->events.size()) std::abort();
  for (std::size_t i = 0; i < again->events.size(); ++i) {
    const auto &a = imported->events[i], &b = again->events[i];
    if (a.id != b.id || a.start != b.start || a.end != b.end || a.time_zone != b.time_zone) std::abort();
  }
  return 0;
}
