// Private: the content lines of an iCalendar text (RFC 5545 3.1), unfolded, each with the
// physical line it starts on, so that every import error can name its line. libical reads the
// values; this reads only the structure: names, BEGIN/END nesting, which VEVENT a line is in.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "recur/result.hpp"

namespace recur::ics::detail {

struct content_line {
  std::size_t number = 0;  // 1-based line of the file where the content line starts
  std::string name;        // property name, upper case ("DTSTART", "BEGIN")
  std::string value;       // the text after the first ':' outside quotes, as written
  std::size_t vevent = 0;  // 1-based index of the VEVENT the line is in (directly), 0 outside one
};

struct content_lines {
  std::vector<content_line> lines;
  std::size_t vevents = 0;  // VEVENTs in the file
  // For each VEVENT, the indexes in `lines` of its BEGIN and END: lookups cost the VEVENT only.
  std::vector<std::pair<std::size_t, std::size_t>> vevent_spans;

  // The lines of VEVENT `vevent` (1-based) named `name`, in order.
  std::vector<const content_line*> in_vevent(std::size_t vevent, std::string_view name) const;
  // The line number of VEVENT `vevent`'s BEGIN.
  std::size_t vevent_line(std::size_t vevent) const;
};

// Unfolds and checks the structure: every line has a name and a ':', names are RFC 5545
// tokens, BEGIN/END nest and close. Errors (syntax) say "line N: ...".
result<content_lines> scan_content_lines(std::string_view text);

// "line N: " + message.
std::string at_line(std::size_t number, const std::string& message);

}  // namespace recur::ics::detail
