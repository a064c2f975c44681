// libFuzzer harness: the event JSON decoder, list and single forms, and re-encoding.
#include <cstdlib>
#include <string_view>

#include "recur/api/event_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto list = recur::api::decode_events(text);
  if (list) {
    const auto again = recur::api::decode_events(recur::api::encode_events(list.value().events));
    if (!again || again.value().events.size() != list.value().events.size()) std::abort();
  } else if (list.err().message.empty()) {
    std::abort();
  }
  (void)recur::api::decode_event(text);
  return 0;
}
