#include "event_input.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <unordered_set>

#include "arguments.hpp"
#include "output.hpp"

namespace recur::cli {

namespace {
// Adds the master rows of `rows` whose id `masters` does not hold yet.
void add_masters(std::vector<event>& masters, const std::vector<event>& rows) {
  std::unordered_set<std::string> known;
  for (const event& m : masters) known.insert(m.id);
  for (const event& row : rows)
    if (row.is_master() && row.problems.empty() && known.insert(row.id).second) masters.push_back(row);
}

std::string read_input(const std::string& path) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), {});
  std::ifstream in(path, std::ios::binary);
  if (!in) throw usage_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

std::vector<event> read_events(const std::string& path, const api::decode_options& options) {
  const std::string text = read_input(path);
  auto decoded = api::decode_events(text, options);
  if (!decoded) decoded = api::decode_event(text, options);  // a single {"event": {...}}
  if (!decoded) throw usage_error((path == "-" ? std::string("stdin") : path) + ": " + decoded.err().message);
  for (const std::string& w : decoded.value().warnings) warn(path + ": " + w);
  return std::move(decoded.value().events);
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
  if (!masters_path.empty()) add_masters(out.masters, read_events(masters_path, options));
  out.fetched = read_events(events_path, options);
  add_masters(out.masters, out.fetched);
  return out;
}

}  // namespace recur::cli
