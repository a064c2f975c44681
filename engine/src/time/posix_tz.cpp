#include "time/posix_tz.hpp"

#include <algorithm>
#include <array>

#include "recur/civil.hpp"

namespace recur::detail {
namespace {

struct cursor {
  std::string_view s;
  std::size_t pos = 0;
  bool done() const { return pos >= s.size(); }
  char peek() const { return done() ? '\0' : s[pos]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++pos;
    return true;
  }
};

bool read_number(cursor& c, int& out, int max_digits) {
  int digits = 0;
  out = 0;
  while (!c.done() && c.peek() >= '0' && c.peek() <= '9' && digits < max_digits) {
    out = out * 10 + (c.s[c.pos++] - '0');
    ++digits;
  }
  return digits > 0;
}

bool read_name(cursor& c) {
  if (c.eat('<')) {
    while (!c.done() && c.peek() != '>') ++c.pos;
    return c.eat('>');
  }
  const std::size_t start = c.pos;
  while (!c.done() && ((c.peek() >= 'A' && c.peek() <= 'Z') || (c.peek() >= 'a' && c.peek() <= 'z'))) ++c.pos;
  return c.pos - start >= 3;
}

// [+|-]hh[:mm[:ss]] as seconds (sign as written).
bool read_hms(cursor& c, int& seconds) {
  int sign = 1;
  if (c.eat('-')) sign = -1;
  else c.eat('+');
  int h = 0, m = 0, sec = 0;
  if (!read_number(c, h, 3)) return false;
  if (c.eat(':')) {
    if (!read_number(c, m, 2)) return false;
    if (c.eat(':') && !read_number(c, sec, 2)) return false;
  }
  seconds = sign * (h * 3600 + m * 60 + sec);
  return true;
}

bool read_date_rule(cursor& c, posix_rule::date_rule& r) {
  if (c.eat('J')) {
    r.form = posix_rule::date_rule::kind::julian_no_leap;
    if (!read_number(c, r.day, 3) || r.day < 1 || r.day > 365) return false;
  } else if (c.eat('M')) {
    r.form = posix_rule::date_rule::kind::month_week_day;
    if (!read_number(c, r.month, 2) || !c.eat('.') || !read_number(c, r.week, 1) || !c.eat('.') ||
        !read_number(c, r.weekday, 1))
      return false;
    if (r.month < 1 || r.month > 12 || r.week < 1 || r.week > 5 || r.weekday > 6) return false;
  } else {
    r.form = posix_rule::date_rule::kind::zero_based;
    if (!read_number(c, r.day, 3) || r.day > 365) return false;
  }
  r.time = 7200;
  if (c.eat('/') && !read_hms(c, r.time)) return false;
  return true;
}

// Day number of the rule's date in `year`.
std::int64_t rule_day(const posix_rule::date_rule& r, int year) {
  const std::int64_t jan1 = days_from_civil(civil_date{year, 1, 1});
  switch (r.form) {
    case posix_rule::date_rule::kind::julian_no_leap:
      // Jn counts 1..365 and never names February 29.
      return jan1 + r.day - 1 + ((is_leap_year(year) && r.day >= 60) ? 1 : 0);
    case posix_rule::date_rule::kind::zero_based:
      return jan1 + r.day;
    case posix_rule::date_rule::kind::month_week_day: {
      const std::int64_t first = days_from_civil(civil_date{year, r.month, 1});
      // POSIX weekday 0 = Sunday; recur's weekday 0 = Monday.
      const int first_wd = (static_cast<int>(weekday_of(first)) + 1) % 7;
      std::int64_t day = first + (r.weekday - first_wd + 7) % 7 + 7 * (r.week - 1);
      const std::int64_t last = first + days_in_month(year, r.month) - 1;
      while (day > last) day -= 7;  // week 5 means the last such weekday
      return day;
    }
  }
  return jan1;
}

}  // namespace

std::optional<posix_rule> parse_posix_tz(std::string_view text) {
  cursor c{text};
  posix_rule rule;
  int std_posix = 0;
  if (!read_name(c) || !read_hms(c, std_posix)) return std::nullopt;
  rule.std_offset = -std_posix;  // POSIX offsets are west-positive
  if (c.done()) return rule;
  if (!read_name(c)) return std::nullopt;
  rule.has_dst = true;
  rule.dst_offset = rule.std_offset + 3600;
  if (c.peek() != ',' && !c.done()) {
    int dst_posix = 0;
    if (!read_hms(c, dst_posix)) return std::nullopt;
    rule.dst_offset = -dst_posix;
  }
  if (c.done()) {  // no rule given: POSIX's default is the US rule of 2007
    rule.start = posix_rule::date_rule{posix_rule::date_rule::kind::month_week_day, 0, 3, 2, 0, 7200};
    rule.end = posix_rule::date_rule{posix_rule::date_rule::kind::month_week_day, 0, 11, 1, 0, 7200};
    return rule;
  }
  if (!c.eat(',') || !read_date_rule(c, rule.start) || !c.eat(',') || !read_date_rule(c, rule.end) || !c.done())
    return std::nullopt;
  return rule;
}

std::array<posix_transition, 2> posix_transitions(const posix_rule& rule, int year) {
  posix_transition dst_on{rule_day(rule.start, year) * seconds_per_day + rule.start.time - rule.std_offset,
                          rule.dst_offset};
  posix_transition dst_off{rule_day(rule.end, year) * seconds_per_day + rule.end.time - rule.dst_offset,
                           rule.std_offset};
  if (dst_off.at < dst_on.at) return {dst_off, dst_on};  // southern hemisphere: DST spans the new year
  return {dst_on, dst_off};
}

utc_range posix_range_at(const posix_rule& rule, std::int64_t utc_seconds, std::int64_t floor) {
  if (!rule.has_dst) return utc_range{floor, far_future, rule.std_offset};
  // Transitions (UTC) of the neighbouring years, in order; the range is between two of them.
  const int year = civil_from_days(floor_div(utc_seconds + rule.std_offset, seconds_per_day)).year;
  posix_transition list[6];
  int n = 0;
  for (int y = year - 1; y <= year + 1; ++y)
    for (const posix_transition& t : posix_transitions(rule, y)) list[n++] = t;
  for (int i = n - 1; i >= 0; --i) {
    if (list[i].at <= utc_seconds) {
      const std::int64_t end = i + 1 < n ? list[i + 1].at : far_future;
      return utc_range{std::max(list[i].at, floor), end, list[i].offset_after};
    }
  }
  const int before_first = list[0].offset_after == rule.dst_offset ? rule.std_offset : rule.dst_offset;
  return utc_range{floor, list[0].at, before_first};
}

}  // namespace recur::detail
