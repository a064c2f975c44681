// RRULE value parser: RFC 5545 3.3.10 grammar, ranges and frequency restrictions.
#include <algorithm>
#include <bitset>

#include "recur/rrule.hpp"
#include "base/text.hpp"

namespace recur {
namespace {

using text::quote;

struct int_range {
  std::int64_t lo, hi;
  bool signed_range;  // also -hi..-lo, and 0 is never valid
};

std::string range_text(const int_range& r) {
  std::string s = "(" + std::to_string(r.lo) + ".." + std::to_string(r.hi);
  if (r.signed_range) s += " or -" + std::to_string(r.hi) + "..-" + std::to_string(r.lo);
  return s + ")";
}

result<std::int64_t> parse_number(std::string_view part, std::string_view item, const int_range& r) {
  const auto number = text::parse_int(item, r.signed_range);
  if (!number) {
    switch (number.err().code) {
      case error_code::empty_input: return make_error(error_code::bad_value, std::string(part) + " has an empty value");
      case error_code::out_of_range:
        return make_error(error_code::out_of_range,
                          std::string(part) + " value " + quote(item) + " is out of range " + range_text(r));
      default:
        return make_error(error_code::bad_value,
                          std::string(part) + " value " + quote(item) + " is not an integer " + range_text(r));
    }
  }
  const std::int64_t v = *number;
  const std::int64_t magnitude = v < 0 ? -v : v;
  const bool in_range = r.signed_range ? (magnitude >= r.lo && magnitude <= r.hi) : (v >= r.lo && v <= r.hi);
  if (!in_range)
    return make_error(error_code::out_of_range,
                      std::string(part) + " value " + std::to_string(v) + " is out of range " + range_text(r));
  return v;
}

// Splits a comma list, rejecting empty items ("1,,2", "", trailing ",").
result<std::vector<std::string_view>> split_list(std::string_view part, std::string_view value,
                                                std::size_t max_items) {
  std::vector<std::string_view> items;
  if (value.empty()) return make_error(error_code::bad_value, std::string(part) + " has an empty value");
  text::pieces list(value, ',');
  for (std::string_view item; list.next(item);) {
    if (item.empty())
      return make_error(error_code::bad_value, std::string(part) + " has an empty list item in " + quote(value));
    items.push_back(item);
    if (items.size() > max_items)
      return make_error(error_code::limit_exceeded, std::string(part) + " has more than " + std::to_string(max_items) +
                                                        " items (parse_limits::max_list_items)");
  }
  return items;
}

result<std::vector<int>> parse_int_list(std::string_view part, std::string_view value, const int_range& r,
                                        std::size_t max_items) {
  auto items = split_list(part, value, max_items);
  if (!items) return items.err();
  std::vector<int> out;
  out.reserve(items.value().size());
  for (std::string_view item : items.value()) {
    auto n = parse_number(part, item, r);
    if (!n) return n.err();
    out.push_back(static_cast<int>(n.value()));
  }
  return out;
}

bool parse_weekday_code(std::string_view s, weekday& out) {
  static constexpr const char* codes[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  for (int i = 0; i < 7; ++i)
    if (text::iequals(s, codes[i])) {
      out = static_cast<weekday>(i);
      return true;
    }
  return false;
}

result<weekday_item> parse_weekday_item(std::string_view item) {
  const auto bad = [&] {
    return make_error(error_code::bad_value, "BYDAY item " + quote(item) +
                                                 " is not [+|-][n]XX with XX one of MO TU WE TH FR SA SU and n 1..53");
  };
  if (item.size() < 2) return bad();
  weekday_item w;
  if (!parse_weekday_code(item.substr(item.size() - 2), w.day)) return bad();
  const std::string_view ordinal = item.substr(0, item.size() - 2);
  if (ordinal.empty()) return w;
  const auto number = text::parse_int(ordinal, true);
  if (!number || ordinal.size() > 3) return bad();
  const std::int64_t n = *number;
  if (n == 0 || n > 53 || n < -53)
    return make_error(error_code::out_of_range,
                      "BYDAY ordinal " + std::string(ordinal) + " in " + quote(item) + " is out of range (1..53 or -53..-1)");
  w.ordinal = static_cast<int>(n);
  return w;
}

result<until_value> parse_until(std::string_view value) {
  if (value.empty()) return make_error(error_code::bad_value, "UNTIL has an empty value");
  const auto v = text::parse_ical_value(value);
  if (!v) return make_error(error_code::bad_value, "UNTIL " + v.err().message);
  until_value u;
  u.time = make_civil(v->date, v->hour, v->minute, v->second);
  u.form = !v->has_time ? until_value::kind::date : v->utc ? until_value::kind::utc : until_value::kind::floating;
  return u;
}

enum part_id { p_freq, p_interval, p_count, p_until, p_bysecond, p_byminute, p_byhour, p_byday, p_bymonthday,
               p_byyearday, p_byweekno, p_bymonth, p_bysetpos, p_wkst, part_count };

constexpr const char* part_names[part_count] = {"FREQ",    "INTERVAL",   "COUNT",     "UNTIL",    "BYSECOND",
                                                "BYMINUTE", "BYHOUR",     "BYDAY",     "BYMONTHDAY", "BYYEARDAY",
                                                "BYWEEKNO", "BYMONTH",    "BYSETPOS",  "WKST"};

int find_part(std::string_view name) {
  for (int i = 0; i < part_count; ++i)
    if (text::iequals(name, part_names[i])) return i;
  return -1;
}

result<frequency> parse_frequency(std::string_view v) {
  static constexpr const char* names[7] = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
  if (v.empty()) return make_error(error_code::bad_value, "FREQ has an empty value");
  for (int i = 0; i < 7; ++i)
    if (text::iequals(v, names[i])) return static_cast<frequency>(i);
  return make_error(error_code::bad_value, "FREQ value " + quote(v) +
                                               " is not one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY");
}

// Applies one NAME=VALUE part to the rule.
status apply_part(int id, std::string_view value, rrule& r, std::size_t max_items,
                  bool count_zero_is_empty) {
  const std::string_view name = part_names[id];
  auto assign_list = [&](std::vector<int>& field, int_range range) -> status {
    auto list = parse_int_list(name, value, range, max_items);
    if (!list) return list.err();
    field = std::move(list.value());
    return success();
  };
  switch (id) {
    case p_freq: {
      auto f = parse_frequency(value);
      if (!f) return f.err();
      r.freq = f.value();
      return success();
    }
    case p_interval: {
      auto n = parse_number(name, value, {1, 2147483647, false});
      if (!n) return n.err();
      r.interval = static_cast<std::uint32_t>(n.value());
      return success();
    }
    case p_count: {
      auto n = parse_number(name, value, {count_zero_is_empty ? 0 : 1, INT64_MAX, false});
      if (!n) return n.err();
      r.count = static_cast<std::uint64_t>(n.value());
      return success();
    }
    case p_until: {
      auto u = parse_until(value);
      if (!u) return u.err();
      r.until = u.value();
      return success();
    }
    case p_bysecond: return assign_list(r.by_second, {0, 60, false});
    case p_byminute: return assign_list(r.by_minute, {0, 59, false});
    case p_byhour: return assign_list(r.by_hour, {0, 23, false});
    case p_bymonthday: return assign_list(r.by_month_day, {1, 31, true});
    case p_byyearday: return assign_list(r.by_year_day, {1, 366, true});
    case p_byweekno: return assign_list(r.by_week_no, {1, 53, true});
    case p_bymonth: return assign_list(r.by_month, {1, 12, false});
    case p_bysetpos: return assign_list(r.by_set_pos, {1, 366, true});
    case p_byday: {
      auto items = split_list(name, value, max_items);
      if (!items) return items.err();
      for (std::string_view item : items.value()) {
        auto w = parse_weekday_item(item);
        if (!w) return w.err();
        r.by_day.push_back(w.value());
      }
      return success();
    }
    case p_wkst:
      if (!parse_weekday_code(value, r.week_start))
        return make_error(error_code::bad_value, "WKST value " + quote(value) + " is not one of MO TU WE TH FR SA SU");
      r.week_start_given = true;
      return success();
    default:
      return make_error(error_code::unknown_part, "unknown rule part");
  }
}

// RFC 5545 3.3.10 restrictions that depend on FREQ: an error, or dropped or kept as a filter
// with a warning (parse_options::forbidden).
status check_frequency_rules(rrule& r, const parse_options& options, std::vector<std::string>& warnings) {
  const char* freq = to_string(r.freq);
  // `drop` removes the part; `filter_drop` is what the filter reading removes (usually nothing).
  auto violation = [&](std::string message, auto&& drop, auto&& filter_drop) -> status {
    switch (options.forbidden) {
      case forbidden_parts::reject: return make_error(error_code::not_allowed, std::move(message));
      case forbidden_parts::ignore:
        drop();
        warnings.push_back(std::move(message) + "; ignored (lenient)");
        return success();
      case forbidden_parts::filter:
        warnings.push_back(std::move(message) + "; " + filter_drop());
        return success();
    }
    return success();
  };
  const auto kept = [] { return std::string("kept as a filter (dateutil reading)"); };
  const bool ordinals_allowed = r.freq == frequency::monthly || r.freq == frequency::yearly;
  const bool weekno = !r.by_week_no.empty();
  for (const weekday_item& w : r.by_day) {
    if (w.ordinal == 0) continue;
    if (!ordinals_allowed || (r.freq == frequency::yearly && weekno)) {
      std::string why = "BYDAY ordinals such as " + std::to_string(w.ordinal) + " are not allowed with FREQ=" + freq;
      if (r.freq == frequency::yearly) why += " and BYWEEKNO";
      const auto drop_ordinals = [&] { for (auto& x : r.by_day) x.ordinal = 0; };
      // dateutil counts ordinals only for MONTHLY and YEARLY; below those the weekday stays.
      const auto filter_ordinals = [&] {
        if (ordinals_allowed) return kept();
        drop_ordinals();
        return std::string("the ordinal is ignored, the weekday kept (dateutil reading)");
      };
      if (auto e = violation(why, drop_ordinals, filter_ordinals); !e) return e;
      break;
    }
  }
  if (!r.by_month_day.empty() && r.freq == frequency::weekly)
    if (auto e = violation("BYMONTHDAY is not allowed with FREQ=WEEKLY", [&] { r.by_month_day.clear(); }, kept); !e)
      return e;
  if (!r.by_year_day.empty() &&
      (r.freq == frequency::daily || r.freq == frequency::weekly || r.freq == frequency::monthly))
    if (auto e = violation(std::string("BYYEARDAY is not allowed with FREQ=") + freq, [&] { r.by_year_day.clear(); },
                           kept);
        !e)
      return e;
  if (weekno && r.freq != frequency::yearly)
    if (auto e = violation(std::string("BYWEEKNO is only allowed with FREQ=YEARLY, not FREQ=") + freq,
                           [&] { r.by_week_no.clear(); }, kept);
        !e)
      return e;
  const bool other_by = !r.by_second.empty() || !r.by_minute.empty() || !r.by_hour.empty() || !r.by_day.empty() ||
                        !r.by_month_day.empty() || !r.by_year_day.empty() || !r.by_week_no.empty() ||
                        !r.by_month.empty();
  if (!r.by_set_pos.empty() && !other_by)
    if (auto e = violation("BYSETPOS needs another BYxxx rule part", [&] { r.by_set_pos.clear(); }, kept); !e)
      return e;
  return success();
}

}  // namespace

result<parsed_rrule> parse_rrule(std::string_view input, parse_options options) {
  if (auto size = text::check_text_size("the rule", input.size(), options.limits.max_text_bytes); !size)
    return size.err();
  std::string_view s = text::trim(input);
  if (text::istarts_with(s, "RRULE:")) s.remove_prefix(6);
  if (s.empty()) return make_error(error_code::empty_input, "the rule is empty (expected FREQ=...;...)");

  parsed_rrule out;
  rrule& r = out.rule;
  std::bitset<part_count> seen;
  if (s.back() == ';') s.remove_suffix(1);  // one trailing ';' is accepted
  text::pieces parts(s, ';');
  for (std::string_view part; parts.next(part);) {
    if (part.empty()) return make_error(error_code::syntax, "empty rule part (';' with nothing before it) in " + quote(s));
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos)
      return make_error(error_code::syntax, "rule part " + quote(part) + " is not NAME=VALUE");
    const std::string_view name = part.substr(0, eq);
    const std::string_view value = part.substr(eq + 1);
    if (text::istarts_with(name, "X-") && name.size() > 2) {
      out.rule.extensions.push_back(text::to_upper(name) + "=" + std::string(value));
      continue;
    }
    const int id = find_part(name);
    if (id < 0) {
      if (name.empty()) return make_error(error_code::syntax, "rule part " + quote(part) + " has no name");
      return make_error(error_code::unknown_part,
                        "unknown rule part " + quote(name) + " (RFC 5545 3.3.10 parts, or X- extensions)");
    }
    if (seen[static_cast<std::size_t>(id)])
      return make_error(error_code::duplicate_part, std::string(part_names[id]) + " is given twice");
    seen.set(static_cast<std::size_t>(id));
    if (auto done = apply_part(id, value, r, options.limits.max_list_items, options.count_zero_is_empty); !done) return done.err();
  }
  if (!seen[p_freq]) return make_error(error_code::missing_part, "the rule has no FREQ part in " + quote(s));
  if (seen[p_count] && seen[p_until])
    return make_error(error_code::conflict, "COUNT and UNTIL must not both be given (RFC 5545 3.3.10)");
  if (auto done = check_frequency_rules(r, options, out.warnings); !done) return done.err();
  return out;
}

}  // namespace recur
