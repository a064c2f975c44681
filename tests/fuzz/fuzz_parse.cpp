// libFuzzer harness: the recurrence text parser, strict and lenient. Whatever parses must
// serialise and parse back to the same value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "recur/recurrence.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool lenient : {false, true}) {
    const auto parsed = recur::parse_recurrence(text, recur::parse_options(lenient));
    if (!parsed) {
      if (parsed.err().message.empty()) std::abort();  // every error says something
      continue;
    }
    const std::string canonical = recur::to_string(parsed.value().value);
    const auto again = recur::parse_recurrence(canonical, recur::parse_options(lenient));
    if (!again || !(again.value().value == parsed.value().value)) std::abort();
  }
  return 0;
}
