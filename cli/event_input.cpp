#include "event_input.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "arguments.hpp"
#include "output.hpp"

namespace recur::cli {

namespace {
// The input size limit: RECUR_MAX_INPUT_BYTES when set to a positive number, else 256 MiB.
std::size_t max_input_bytes() {
  constexpr std::size_t fallback = std::size_t{256} << 20;
  const char* text = std::getenv("RECUR_MAX_INPUT_BYTES");
  if (!text || !*text) return fallback;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(text, &end, 10);
  if (*end || n == 0) throw usage_error("RECUR_MAX_INPUT_BYTES " + in_quotes(text) + " is not a positive byte count");
  return static_cast<std::size_t>(n);
}

// All of a stream, or an error once it passes the limit (a device like /dev/zero never ends).
std::string read_bounded(std::istream& in, const std::string& name) {
  const std::size_t limit = max_input_bytes();
  std::string text;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > limit)
      throw usage_error(name + " is larger than the input limit of " + std::to_string(limit) +
                        " bytes (RECUR_MAX_INPUT_BYTES)");
  }
  return text;
}

std::string read_input(const std::string& path) {
  std::ifstream file;
  return read_bounded(open_input(path, file), path == "-" ? "stdin" : in_quotes(path));
}
}  // namespace

std::istream& open_input(const std::string& path, std::ifstream& file) {
  if (path == "-") return std::cin;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw usage_error(in_quotes(path) + " is a directory, not a file");
  file.open(path, std::ios::binary);
  if (!file) throw usage_error("cannot read " + in_quotes(path));
  return file;
}

std::vector<event> read_events(const std::string& path, const api::decode_options& options) {
  const std::string text = read_input(path);
  auto decoded = api::decode_events(text, options);
  if (!decoded) decoded = api::decode_event(text, options);  // a single {"event": {...}}
  if (!decoded) throw usage_error((path == "-" ? std::string("stdin") : in_quotes(path)) + ": " + decoded.err().message);
  for (const std::string& w : decoded.value().warnings) warn(in_quotes(path) + ": " + w);
  return api::to_events(decoded.value().events);
}

api::decode_options decode_options_for(const std::string& assume_tz) {
  api::decode_options options;
  if (!assume_tz.empty()) {
    auto assumed = zone::load(assume_tz);
    if (!assumed) throw usage_error("--assume-tz: " + assumed.err().message);
    options.assumed_zone = assumed.value();
  }
  return options;
}

event_set read_event_set(const std::string& events_path, const std::string& masters_path, const std::string& assume_tz) {
  const api::decode_options options = decode_options_for(assume_tz);
  event_set out;
  if (!masters_path.empty()) add_master_rows(read_events(masters_path, options), out.masters);
  out.fetched = read_events(events_path, options);
  add_master_rows(out.fetched, out.masters);
  return out;
}

}  // namespace recur::cli
