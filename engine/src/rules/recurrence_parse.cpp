// Splits the API's recurrence text into the RRULE and its EXDATE / RDATE values.
#include <algorithm>

#include "recur/recurrence.hpp"
#include "recur/zone.hpp"
#include "base/text.hpp"

namespace recur {
namespace {

using text::quote;

// Tokens separated by whitespace. A date that continues an EXDATE/RDATE value list (the line
// so far ends with ',') is glued back on, so "EXDATE:a, b" reads as one line.
std::vector<std::string> content_lines(std::string_view s) {
  std::vector<std::string> lines;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && text::is_space(s[i])) ++i;
    const std::size_t start = i;
    while (i < s.size() && !text::is_space(s[i])) ++i;
    if (i == start) break;
    const std::string_view token = s.substr(start, i - start);
    const bool continues_dates = !lines.empty() && !lines.back().empty() && lines.back().back() == ',' &&
                                 (text::istarts_with(lines.back(), "EXDATE") || text::istarts_with(lines.back(), "RDATE")) &&
                                 text::is_digit(token.front());
    if (continues_dates)
      lines.back() += token;
    else
      lines.emplace_back(token);
  }
  return lines;
}

struct params {
  std::string tzid;
  enum class value_type { unspecified, date_time, date, period } value = value_type::unspecified;
};

result<params> parse_params(std::string_view property, std::string_view list) {
  params p;
  if (list.empty()) return p;
  text::pieces parts(list, ';');
  for (std::string_view param; parts.next(param);) {
    if (param.empty() && parts.done()) break;  // one trailing ';' is accepted
    const std::size_t eq = param.find('=');
    if (eq == std::string_view::npos || eq == 0)
      return make_error(error_code::syntax, std::string(property) + " parameter " + quote(param) + " is not NAME=VALUE");
    const std::string_view name = param.substr(0, eq);
    std::string_view value = param.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (text::iequals(name, "TZID")) {
      if (value.empty()) return make_error(error_code::bad_value, std::string(property) + " has an empty TZID");
      p.tzid = std::string(value);
    } else if (text::iequals(name, "VALUE")) {
      if (text::iequals(value, "DATE-TIME")) p.value = params::value_type::date_time;
      else if (text::iequals(value, "DATE")) p.value = params::value_type::date;
      else if (text::iequals(value, "PERIOD")) p.value = params::value_type::period;
      else
        return make_error(error_code::bad_value,
                          std::string(property) + " VALUE=" + quote(value) + " is not DATE-TIME, DATE or PERIOD");
    } else if (!text::istarts_with(name, "X-")) {
      return make_error(error_code::unknown_part,
                        std::string(property) + " has an unknown parameter " + quote(name) + " (TZID or VALUE)");
    }
  }
  return p;
}

result<date_value> parse_date_value(std::string_view property, std::string_view item, const params& p) {
  if (item.empty()) return make_error(error_code::bad_value, std::string(property) + " has an empty value");
  const auto v = text::parse_ical_value(item);
  if (!v) return make_error(error_code::bad_value, std::string(property) + " value: " + v.err().message);
  date_value out;
  out.time = make_civil(v->date, v->hour, v->minute, v->second);
  if (p.value == params::value_type::date && v->has_time)
    return make_error(error_code::bad_value,
                      std::string(property) + " value " + quote(item) + " has a time but VALUE=DATE was given");
  if (p.value == params::value_type::date_time && !v->has_time)
    return make_error(error_code::bad_value,
                      std::string(property) + " value " + quote(item) + " has no time but VALUE=DATE-TIME was given");
  if (!v->has_time) {
    out.form = date_value::kind::date;
  } else if (v->utc) {
    if (!p.tzid.empty())
      return make_error(error_code::bad_value, std::string(property) + " value " + quote(item) +
                                                   " is UTC ('Z') but TZID=" + p.tzid + " was also given");
    out.form = date_value::kind::utc;
  } else if (!p.tzid.empty()) {
    out.form = date_value::kind::zoned;
    out.tzid = p.tzid;
  } else {
    out.form = date_value::kind::floating;
  }
  return out;
}

// "EXDATE;TZID=X:v1,v2" -> values appended to `out`.
status parse_date_line(std::string_view property, std::string_view rest, std::vector<date_value>& out) {
  const std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos)
    return make_error(error_code::syntax, std::string(property) + " line has no ':' before its values");
  std::string_view param_text = rest.substr(0, colon);
  if (!param_text.empty()) {
    if (param_text.front() != ';')
      return make_error(error_code::syntax, "unknown property " + quote(std::string(property) + std::string(param_text)));
    param_text.remove_prefix(1);
  }
  auto p = parse_params(property, param_text);
  if (!p) return p.err();
  if (p.value().value == params::value_type::period)
    return make_error(error_code::unsupported,
                      std::string(property) + ";VALUE=PERIOD is not supported (occurrences share one duration)");
  if (!p.value().tzid.empty()) {
    auto z = zone::load(p.value().tzid);
    if (!z) return make_error(error_code::unknown_zone, std::string(property) + " TZID: " + z.err().message);
  }
  const std::string_view values = rest.substr(colon + 1);
  if (values.empty()) return make_error(error_code::bad_value, std::string(property) + " has no values");
  text::pieces items(values, ',');
  for (std::string_view item; items.next(item);) {
    auto v = parse_date_value(property, item, p.value());
    if (!v) return v.err();
    out.push_back(std::move(v.value()));
  }
  return success();
}

}  // namespace

result<parsed_recurrence> parse_recurrence(std::string_view input, parse_options options) {
  if (auto size = text::check_text_size("the recurrence text", input.size(), options.limits.max_text_bytes); !size)
    return size.err();
  const std::vector<std::string> lines = content_lines(input);
  if (lines.empty()) return make_error(error_code::empty_input, "the recurrence text is empty (expected RRULE:FREQ=...)");
  parsed_recurrence out;
  bool have_rule = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    std::string_view name = line.substr(0, line.find_first_of(";:"));
    const std::string_view rest = line.substr(name.size());
    const bool bare_rule = i == 0 && name.find('=') != std::string_view::npos;  // "FREQ=...;..." without RRULE:
    if (text::iequals(name, "RRULE") || bare_rule) {
      if (have_rule)
        return make_error(error_code::unsupported, "more than one RRULE in the recurrence text (recur expands one)");
      if (!bare_rule && (rest.empty() || rest.front() != ':'))
        return make_error(error_code::syntax, "RRULE must be followed by ':' in " + quote(line));
      auto rule = parse_rrule(bare_rule ? line : rest.substr(1), options);
      if (!rule) return rule.err();
      out.value.rule = std::move(rule.value().rule);
      for (auto& w : rule.value().warnings) out.warnings.push_back(std::move(w));
      have_rule = true;
    } else if (text::iequals(name, "EXDATE")) {
      if (auto done = parse_date_line("EXDATE", rest, out.value.exdates); !done) return done.err();
    } else if (text::iequals(name, "RDATE")) {
      if (auto done = parse_date_line("RDATE", rest, out.value.rdates); !done) return done.err();
    } else if (text::iequals(name, "EXRULE")) {
      return make_error(error_code::unsupported, "EXRULE is not supported (RFC 5545 removed it; use EXDATE)");
    } else if (text::iequals(name, "DTSTART")) {
      return make_error(error_code::unsupported,
                        "DTSTART does not belong in the recurrence text: recur takes it from the event's startTime");
    } else {
      return make_error(error_code::syntax,
                        "unexpected text " + quote(line) + " (expected RRULE:, EXDATE: or RDATE: lines)");
    }
  }
  if (!have_rule) return make_error(error_code::missing_part, "the recurrence text has no RRULE");
  if (out.value.exdates.size() + out.value.rdates.size() > options.limits.max_dates)
    return make_error(error_code::limit_exceeded, "the recurrence text has " +
                                                      std::to_string(out.value.exdates.size() + out.value.rdates.size()) +
                                                      " EXDATE/RDATE values, over the limit of " +
                                                      std::to_string(options.limits.max_dates) +
                                                      " (parse_limits::max_dates)");
  return out;
}

std::string to_string(const recurrence& r) {
  std::string out = "RRULE:" + to_string(r.rule);
  auto write = [&out](const char* property, const std::vector<date_value>& values) {
    for (const date_value& v : values) {
      out += '\n';
      out += property;
      switch (v.form) {
        case date_value::kind::date: out += ";VALUE=DATE:" + format_ical_date(split(v.time).date); break;
        case date_value::kind::zoned: out += ";TZID=" + v.tzid + ":" + format_ical_date_time(v.time, false); break;
        case date_value::kind::utc: out += ":" + format_ical_date_time(v.time, true); break;
        case date_value::kind::floating: out += ":" + format_ical_date_time(v.time, false); break;
      }
    }
  };
  write("EXDATE", r.exdates);
  write("RDATE", r.rdates);
  return out;
}

}  // namespace recur
