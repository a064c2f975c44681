#include "event_input.hpp"

#include <fstream>
#include <iostream>
#include <iterator>

#include "arguments.hpp"

namespace recur::cli {

namespace {
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
  for (const std::string& w : decoded.value().warnings) std::cerr << "recur: warning: " << path << ": " << w << '\n';
  return std::move(decoded.value().events);
}

}  // namespace recur::cli
