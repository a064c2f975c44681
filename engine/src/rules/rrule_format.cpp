// Canonical RRULE text and the names of enumerations.
#include <cstdio>

#include "recur/rrule.hpp"

namespace recur {

const char* to_string(frequency f) noexcept {
  static constexpr const char* names[7] = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
  return names[static_cast<int>(f)];
}

bool operator==(const rrule& a, const rrule& b) {
  return a.freq == b.freq && a.interval == b.interval && a.count == b.count && a.until == b.until &&
         a.by_second == b.by_second && a.by_minute == b.by_minute && a.by_hour == b.by_hour && a.by_day == b.by_day &&
         a.by_month_day == b.by_month_day && a.by_year_day == b.by_year_day && a.by_week_no == b.by_week_no &&
         a.by_month == b.by_month && a.by_set_pos == b.by_set_pos && a.week_start == b.week_start &&
         a.week_start_given == b.week_start_given && a.extensions == b.extensions;
}

std::string format_ical_date(civil_date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return buf;
}

std::string format_ical_date_time(civil_seconds t, bool utc) {
  const civil_fields f = split(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d%s", f.date.year, f.date.month, f.date.day, f.hour,
                f.minute, f.second, utc ? "Z" : "");
  return buf;
}

namespace {
const char* weekday_code(weekday d) {
  static constexpr const char* codes[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  return codes[static_cast<int>(d)];
}

void append_list(std::string& out, const char* name, const std::vector<int>& values) {
  if (values.empty()) return;
  out += ';';
  out += name;
  out += '=';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(values[i]);
  }
}
}  // namespace

std::string to_string(const rrule& r) {
  std::string out = "FREQ=";
  out += to_string(r.freq);
  if (r.interval != 1) out += ";INTERVAL=" + std::to_string(r.interval);
  if (r.count) out += ";COUNT=" + std::to_string(*r.count);
  if (r.until) {
    out += ";UNTIL=";
    out += r.until->form == until_value::kind::date ? format_ical_date(split(r.until->time).date)
                                                    : format_ical_date_time(r.until->time, r.until->form == until_value::kind::utc);
  }
  append_list(out, "BYSECOND", r.by_second);
  append_list(out, "BYMINUTE", r.by_minute);
  append_list(out, "BYHOUR", r.by_hour);
  if (!r.by_day.empty()) {
    out += ";BYDAY=";
    for (std::size_t i = 0; i < r.by_day.size(); ++i) {
      if (i) out += ',';
      if (r.by_day[i].ordinal) out += std::to_string(r.by_day[i].ordinal);
      out += weekday_code(r.by_day[i].day);
    }
  }
  append_list(out, "BYMONTHDAY", r.by_month_day);
  append_list(out, "BYYEARDAY", r.by_year_day);
  append_list(out, "BYWEEKNO", r.by_week_no);
  append_list(out, "BYMONTH", r.by_month);
  append_list(out, "BYSETPOS", r.by_set_pos);
  if (r.week_start_given) out += std::string(";WKST=") + weekday_code(r.week_start);
  for (const std::string& x : r.extensions) out += ";" + x;
  return out;
}

}  // namespace recur
