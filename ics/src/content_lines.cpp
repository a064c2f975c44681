#include "content_lines.hpp"

#include <cctype>

namespace recur::ics::detail {
namespace {

struct physical_line {
  std::size_t number;
  std::string text;
};

// RFC 5545 3.1: a line beginning with a space or tab continues the previous one.
std::vector<physical_line> unfold(std::string_view text) {
  std::vector<physical_line> out;
  std::size_t number = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t') && !out.empty()) {
      out.back().text.append(line.substr(1));
      continue;
    }
    if (!line.empty()) out.push_back({number, std::string(line)});
  }
  return out;
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }

// The ':' that ends name and parameters: the first one outside a quoted parameter value.
std::size_t value_colon(const std::string& text) {
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    else if (text[i] == ':' && !quoted) return i;
  }
  return std::string::npos;
}

std::string shown(const std::string& text) { return "'" + (text.size() > 60 ? text.substr(0, 60) + "..." : text) + "'"; }

result<content_line> read_line(const physical_line& p) {
  const std::size_t colon = value_colon(p.text);
  if (colon == std::string::npos)
    return make_error(error_code::syntax, at_line(p.number, shown(p.text) + " is not a content line (no ':')"));
  std::size_t name_end = 0;
  while (name_end < colon && is_name_char(p.text[name_end])) ++name_end;
  if (name_end == 0 || (name_end < colon && p.text[name_end] != ';'))
    return make_error(error_code::syntax, at_line(p.number, shown(p.text) + " does not start with a property name"));
  content_line out;
  out.number = p.number;
  for (std::size_t i = 0; i < name_end; ++i) out.name += static_cast<char>(std::toupper(static_cast<unsigned char>(p.text[i])));
  out.value = p.text.substr(colon + 1);
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string at_line(std::size_t number, const std::string& message) {
  return "line " + std::to_string(number) + ": " + message;
}

result<content_lines> scan_content_lines(std::string_view text) {
  constexpr std::size_t max_nesting = 16;  // VCALENDAR > VEVENT > VALARM is 3; libical recurses per level
  content_lines out;
  struct open_component {
    std::string name;
    std::size_t line, vevent;
  };
  std::vector<open_component> open;
  for (const physical_line& p : unfold(text)) {
    auto line = read_line(p);
    if (!line) return line.err();
    content_line& l = line.value();
    if (l.name == "BEGIN") {
      std::size_t vevent = 0;
      if (upper(l.value) == "VEVENT") {
        vevent = ++out.vevents;
        out.vevent_spans.emplace_back(out.lines.size(), out.lines.size());
      }
      open.push_back({upper(l.value), l.number, vevent});
      if (open.size() > max_nesting)
        return make_error(error_code::limit_exceeded,
                          at_line(l.number, "components nest deeper than " + std::to_string(max_nesting) + " levels"));
      l.vevent = vevent;
    } else if (l.name == "END") {
      if (open.empty()) return make_error(error_code::syntax, at_line(l.number, "END:" + l.value + " with nothing open"));
      if (open.back().name != upper(l.value))
        return make_error(error_code::syntax, at_line(l.number, "END:" + l.value + " closes BEGIN:" + open.back().name +
                                                                    " of line " + std::to_string(open.back().line)));
      l.vevent = open.back().vevent;
      if (l.vevent) out.vevent_spans[l.vevent - 1].second = out.lines.size();
      open.pop_back();
    } else {
      l.vevent = open.empty() ? 0 : open.back().vevent;
    }
    out.lines.push_back(std::move(l));
  }
  if (!open.empty())
    return make_error(error_code::syntax, at_line(open.back().line, "BEGIN:" + open.back().name + " is never closed (END:" +
                                                                        open.back().name + ")"));
  if (out.lines.empty() || out.lines.front().name != "BEGIN")
    return make_error(error_code::syntax, "the text is not iCalendar: it does not begin with BEGIN:VCALENDAR");
  return out;
}

std::vector<const content_line*> content_lines::in_vevent(std::size_t vevent, std::string_view name) const {
  std::vector<const content_line*> found;
  const auto [begin, end] = vevent_spans.at(vevent - 1);
  for (std::size_t i = begin; i <= end; ++i)
    if (lines[i].vevent == vevent && lines[i].name == name) found.push_back(&lines[i]);
  return found;
}

std::size_t content_lines::vevent_line(std::size_t vevent) const { return lines[vevent_spans.at(vevent - 1).first].number; }

}  // namespace recur::ics::detail
