#include "event_input.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "arguments.hpp"
#include "recur/event_series.hpp"
#include "output.hpp"
#ifdef RECUR_HAVE_ICS
#include "ics_module.hpp"
#endif

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

}  // namespace

std::string read_input(const std::string& path) {
  std::ifstream file;
  return read_bounded(open_input(path, file), path == "-" ? "stdin" : in_quotes(path));
}

std::istream& open_input(const std::string& path, std::ifstream& file) {
  if (path == "-") return std::cin;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw usage_error(in_quotes(path) + " is a directory, not a file");
  file.open(path, std::ios::binary);
  if (!file) throw usage_error("cannot read " + in_quotes(path));
  return file;
}

std::vector<event> read_events(const std::string& path, const api::decode_options& options) {
  return api::to_events(read_calendar_events(path, options));
}

zone zone_for(const std::string& tz_option, const std::vector<event>& events) {
  if (!tz_option.empty()) {
    auto tz = zone::load(tz_option);
    if (!tz) throw usage_error("--tz: " + tz.err().message);
    return tz.value();
  }
  auto shared = shared_zone(events);
  if (!shared)
    throw usage_error("--tz is required: " + shared.err().message +
                      (shared.err().code == error_code::conflict ? "; --tz names the zone of times written out"
                                                                 : "; --tz names the zone the series' rules run in"));
  return shared.value();
}

namespace {
bool is_icalendar(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");  // a UTF-8 BOM too
  return first != std::string::npos && text.compare(first, 6, "BEGIN:") == 0;
}

std::vector<api::calendar_event> decode_calendar_events(const std::string& path, const std::string& text,
                                                        const api::decode_options& options) {
  auto decoded = api::decode_events(text, options);
  if (!decoded) decoded = api::decode_event(text, options);  // a single {"event": {...}}
  if (!decoded) throw usage_error((path == "-" ? std::string("stdin") : in_quotes(path)) + ": " + decoded.err().message);
  for (const std::string& w : decoded.value().warnings) warn(in_quotes(path) + ": " + w);
  return std::move(decoded.value().events);
}
}  // namespace

#ifdef RECUR_HAVE_ICS
std::vector<api::calendar_event> import_ics(const std::string& text, const std::string& name,
                                            const ics::import_options& options) {
  auto imported = ics_module().import_calendar(text, options);
  if (!imported) throw usage_error(name + ": " + imported.err().message);
  for (const std::string& w : imported->warnings) warn(name + ": " + w);
  return std::move(imported->events);
}
#endif

std::vector<api::calendar_event> read_events_or_ics(const std::string& path, const std::string& tz) {
  const std::string text = read_input(path);
  const std::string name = path == "-" ? std::string("stdin") : in_quotes(path);
  if (!is_icalendar(text)) return decode_calendar_events(path, text, decode_options_for(tz));
#ifdef RECUR_HAVE_ICS
  ics::import_options options;
  if (!tz.empty()) options.default_zone = zone_for(tz, {});
  return import_ics(text, name, options);
#else
  throw usage_error(name + " is iCalendar, and this recur was built without libical (install libical-dev, rebuild)");
#endif
}

std::vector<api::calendar_event> read_calendar_events(const std::string& path, const api::decode_options& options) {
  return decode_calendar_events(path, read_input(path), options);
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
