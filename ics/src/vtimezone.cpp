// A zone as a VTIMEZONE (RFC 5545 3.6.5): its offset changes over the span of a series, a
// yearly pattern written as an RRULE observance where one reproduces every change it stands for.
#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include "recur/ics.hpp"
#include "recur/rrule.hpp"

namespace recur::ics {
namespace {

constexpr std::int64_t endless_years = 60;     // how far an endless series' zone is written out
constexpr std::int64_t mean_year_s = 31556952;  // the Gregorian year's mean length in seconds
constexpr std::size_t min_yearly_run = 3;       // changes a yearly RRULE must stand for

// A change as its observance writes it: DTSTART is the wall clock before the change.
struct change {
  civil_seconds local;
  seconds before, after;
  instant at;
};

civil_fields fields(const change& c) { return split(c.local); }
int year_of(const change& c) { return fields(c).date.year; }
bool is_daylight(const change& c) { return c.after > c.before; }

// A yearly rule of changes: BYMONTH with BYDAY=nWD, BYDAY=-1WD or BYMONTHDAY, at one time of day.
struct yearly_pattern {
  enum class kind { nth_weekday, last_weekday, month_day } form = kind::month_day;
  int month = 1, day = 1, nth = 1, time_of_day = 0;
  weekday wd{};

  bool matches(const change& c) const {
    const civil_fields f = fields(c);
    if (f.date.month != month || f.hour * 3600 + f.minute * 60 + f.second != time_of_day) return false;
    const std::int64_t days = days_from_civil(f.date);
    switch (form) {
      case kind::month_day: return f.date.day == day;
      case kind::nth_weekday: return weekday_of(days) == wd && (f.date.day - 1) / 7 + 1 == nth;
      case kind::last_weekday: return weekday_of(days) == wd && f.date.day + 7 > days_in_month(f.date.year, month);
    }
    return false;
  }

  std::string rrule_text() const {
    static constexpr const char* names[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    std::string out = "FREQ=YEARLY;BYMONTH=" + std::to_string(month);
    if (form == kind::month_day) return out + ";BYMONTHDAY=" + std::to_string(day);
    return out + ";BYDAY=" + (form == kind::last_weekday ? std::string("-1") : std::to_string(nth)) +
           names[static_cast<int>(wd)];
  }
};

std::vector<yearly_pattern> patterns_of(const change& c) {
  const civil_fields f = fields(c);
  yearly_pattern base;
  base.month = f.date.month;
  base.day = f.date.day;
  base.time_of_day = f.hour * 3600 + f.minute * 60 + f.second;
  base.wd = weekday_of(days_from_civil(f.date));
  std::vector<yearly_pattern> out{base};
  if ((f.date.day - 1) / 7 < 4) {
    out.push_back(base);
    out.back().form = yearly_pattern::kind::nth_weekday;
    out.back().nth = (f.date.day - 1) / 7 + 1;
  }
  if (f.date.day + 7 > days_in_month(f.date.year, f.date.month)) {
    out.push_back(base);
    out.back().form = yearly_pattern::kind::last_weekday;
  }
  return out;
}

// How many of the last changes of `list` one pattern writes, a year apart each.
std::size_t trailing_run(const std::vector<change>& list, const yearly_pattern& p) {
  std::size_t run = 0;
  for (std::size_t i = list.size(); i-- > 0;) {
    if (!p.matches(list[i])) break;
    if (run > 0 && year_of(list[i]) + 1 != year_of(list[i + 1])) break;
    ++run;
  }
  return run;
}

std::string local_text(civil_seconds t) { return format_ical_date_time(t, false); }

std::string offset_text(seconds s) {
  const std::int64_t v = s.count() < 0 ? -s.count() : s.count();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d%02d", s.count() < 0 ? '-' : '+', static_cast<int>(v / 3600),
                static_cast<int>(v / 60 % 60));
  std::string out = buf;
  if (v % 60) out += (v % 60 < 10 ? "0" : "") + std::to_string(v % 60);
  return out;
}

std::string observance(bool daylight, civil_seconds start, seconds before, seconds after, const std::string& extra) {
  const char* kind = daylight ? "DAYLIGHT" : "STANDARD";
  return std::string("BEGIN:") + kind + "\r\nDTSTART:" + local_text(start) + "\r\nTZOFFSETFROM:" + offset_text(before) +
         "\r\nTZOFFSETTO:" + offset_text(after) + "\r\n" + extra + "END:" + kind + "\r\n";
}

using pair_key = std::tuple<bool, std::int64_t, std::int64_t>;  // daylight, before, after

// Changes of one kind and offset pair: the trailing yearly run as an RRULE observance (open
// when it reaches the last year of an endless span), the rest left in `listed`.
std::string yearly_observance(const std::vector<change>& list, bool endless, int last_year, std::vector<change>& listed) {
  yearly_pattern best;
  std::size_t run = 0;
  for (const yearly_pattern& p : patterns_of(list.back()))
    if (const std::size_t r = trailing_run(list, p); r > run) {
      run = r;
      best = p;
    }
  if (run < min_yearly_run) {
    listed.insert(listed.end(), list.begin(), list.end());
    return "";
  }
  listed.insert(listed.end(), list.begin(), list.end() - static_cast<std::ptrdiff_t>(run));
  const change& first = list[list.size() - run];
  std::string rule = "RRULE:" + best.rrule_text();
  if (!endless || year_of(list.back()) < last_year)
    rule += ";UNTIL=" + format_ical_date_time(civil_seconds{unix_ms(list.back().at) / 1000}, true);
  return observance(is_daylight(first), first.local, first.before, first.after, rule + "\r\n");
}

// Listed changes: one observance per kind and offset pair, DTSTART the first, RDATE the rest.
std::string listed_observances(std::vector<change> listed) {
  std::sort(listed.begin(), listed.end(), [](const change& a, const change& b) { return a.at < b.at; });
  std::map<pair_key, std::vector<const change*>> groups;
  for (const change& c : listed) groups[{is_daylight(c), c.before.count(), c.after.count()}].push_back(&c);
  std::string out;
  for (const auto& [key, group] : groups) {
    std::string rdates;
    for (std::size_t i = 1; i < group.size(); ++i) rdates += (i == 1 ? "RDATE:" : ",") + local_text(group[i]->local);
    out += observance(std::get<0>(key), group.front()->local, group.front()->before, group.front()->after,
                      rdates.empty() ? "" : rdates + "\r\n");
  }
  return out;
}

}  // namespace

std::string vtimezone(const zone& z, instant from, std::optional<instant> to) {
  const bool endless = !to;
  // Observances are written in years 1..9999 (iCalendar's four-digit years), a day inside each end.
  from = std::max(from, first_instant + seconds(3 * seconds_per_day));
  const instant last = std::min(to ? *to : from + seconds(endless_years * mean_year_s), last_instant - seconds(2 * seconds_per_day));
  std::map<pair_key, std::vector<change>> by_pair;
  const std::vector<zone_transition> changes = transitions_between(z, from, last, 100000);
  for (const zone_transition& t : changes) {
    const change c{civil_seconds{unix_ms(t.at) / 1000 + t.offset_before.count()}, t.offset_before, t.offset_after, t.at};
    by_pair[{is_daylight(c), c.before.count(), c.after.count()}].push_back(c);
  }
  const seconds initial = z.offset_at(from);
  // In daylight time at `from` when the first change takes the offset down.
  const bool initial_daylight = !changes.empty() && changes.front().offset_after < changes.front().offset_before;
  const civil_seconds initial_start{(floor_div(z.to_local(from).value, seconds_per_day) - 1) * seconds_per_day};
  std::string out = "BEGIN:VTIMEZONE\r\nTZID:" + z.name() + "\r\nX-LIC-LOCATION:" + z.name() + "\r\n";
  out += observance(initial_daylight, initial_start, initial, initial, "");
  const int last_year = split(civil_seconds{unix_ms(last) / 1000}).date.year - 1;
  std::vector<change> listed;
  for (const auto& [key, list] : by_pair) out += yearly_observance(list, endless, last_year, listed);
  return out + listed_observances(listed) + "END:VTIMEZONE\r\n";
}

}  // namespace recur::ics
