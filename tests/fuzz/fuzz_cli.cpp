// libFuzzer harness: the command line, in-process. The input is the argument list, one word
// per line. Every run must end with a documented exit code (0-4); 70, an internal error, is a
// finding. Words that would touch the network, write files or read a file the input names
// (fetch, --location, --base-url, --token-file, --out, --events, --masters, --batch, --event,
// -, a file argument of `ics`) are not tried, nor raised limits (--limit, --max-*), which only make runs slower; commands that
// read events get tests/fuzz/cli_events.json as --events: the bundled example's shapes
// (masters, a moved and a cancelled instance, singles, users, rooms) with bounded series;
// `ics import` gets cli/examples/calendar.ics, `ics export` the same events file.
// Commands whose output grows with the window get a low limit (--limit, --max-items,
// --max-missing), so a run costs what the command layer costs, not a long listing: the limits
// themselves are tested in tests/hostile_test.cpp. (Batch requests are fuzzed by fuzz_reconcile.)
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "run.hpp"

namespace {

bool refused_word(std::string_view w) {
  for (std::string_view bad : {"fetch", "--location", "--base-url", "--token-file", "--out", "--limit", "--max-missing",
                               "--max-items", "--max-masters", "--events", "--masters", "--batch", "--event", "-"})
    if (w == bad || (w.size() > bad.size() && w.substr(0, bad.size()) == bad && w[bad.size()] == '=')) return true;
  return false;
}

bool reads_events(std::string_view command) {
  return command == "reconcile" || command == "conflicts" || command == "free" || command == "detect-profile";
}

// The option that bounds `command`'s output, or nullptr.
const char* output_limit(std::string_view command) {
  if (command == "expand") return "--limit";
  if (command == "free") return "--max-items";
  if (command == "reconcile") return "--max-missing";
  return nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  std::vector<std::string> words = {"recur"};
  std::string_view text(reinterpret_cast<const char*>(data), size);
  while (!text.empty() && words.size() < 32) {
    const std::size_t end = text.find('\n');
    words.emplace_back(text.substr(0, end));
    if (refused_word(words.back())) return 0;
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  if (words.size() > 2 && words[1] == "ics") {
    for (std::size_t i = 3; i < words.size(); ++i)
      if (words[i].empty() || words[i][0] != '-') return 0;  // a file the input names
    if (words[2] == "import") words.emplace_back(RECUR_FUZZ_ICS);
    if (words[2] == "export") words.insert(words.end(), {"--events", RECUR_FUZZ_EVENTS});
  }
  if (words.size() > 1 && reads_events(words[1])) {
    words.emplace_back("--events");
    words.emplace_back(RECUR_FUZZ_EVENTS);
  }
  if (words.size() > 1 && output_limit(words[1])) {
    words.emplace_back(output_limit(words[1]));
    words.emplace_back("500");
  }
  std::vector<const char*> argv;
  for (const std::string& w : words) argv.push_back(w.c_str());
  const int code = recur::cli::run(static_cast<int>(argv.size()), argv.data());
  if (code < 0 || code > 4) std::abort();
  return 0;
}
