// libFuzzer harness: the instance-id parser and validate() against a fixed series. A parsed
// id formats back to the same text's value; validate always answers with a reason.
#include <cstdlib>
#include <string>

#include "recur/validate.hpp"

namespace {
const recur::series& fixture() {
  static const recur::series s = [] {
    auto text = recur::parse_recurrence("RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=500\nEXDATE:20260303T140000Z").value();
    return recur::make_series(text.value, recur::from_unix_ms(1767276000000), recur::zone::load("America/New_York").value(),
                              std::chrono::minutes(30))
        .value();
  }();
  return s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto id = recur::parse_instance_id(text);
  if (id) {
    const auto again = recur::parse_instance_id(recur::format_instance_id(id->master, id->start, id->duration));
    if (!again || !(again.value() == id.value())) std::abort();
  }
  const recur::validation v = recur::validate(fixture(), "master", text);
  if (!v.valid() && v.message.empty()) std::abort();
  return 0;
}
