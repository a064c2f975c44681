#include "recur/ics.hpp"

#include "windows_zones_data.hpp"

namespace recur::ics {

// A scan of ~140 lines per lookup: no table to build, no state to share between threads.
std::string_view iana_zone_of_windows_name(std::string_view windows_name) {
  std::string_view rest(detail::windows_zones_tsv);
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab != std::string_view::npos && line.substr(0, tab) == windows_name) return line.substr(tab + 1);
  }
  return {};
}

}  // namespace recur::ics
