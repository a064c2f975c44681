// A rule in English: each part's words, then one sentence built from them (see describe.hpp).
#include "recur/describe.hpp"

#include <algorithm>
#include <iterator>

namespace recur {
namespace {

constexpr const char* day_names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr const char* day_codes[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
constexpr const char* month_names[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};

// 1 -> "1st", 22 -> "22nd", -1 -> "last", -2 -> "2nd-to-last"
std::string ordinal(int n) {
  if (n < 0) return n == -1 ? "last" : ordinal(-n) + "-to-last";
  const int tens = n % 100, ones = n % 10;
  const char* suffix = tens >= 11 && tens <= 13 ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}

// "a", "a and b", "a, b and c"
std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return out;
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string clock(int h, int m, int s, bool with_seconds) {
  return two_digits(h) + ":" + two_digits(m) + (with_seconds ? ":" + two_digits(s) : "");
}

// Sorted values with runs of three or more as "9 to 17": "0, 15 and 30", "9 to 17".
std::string number_list(std::vector<int> values) {
  std::sort(values.begin(), values.end());
  std::vector<std::string> items;
  for (std::size_t i = 0; i < values.size();) {
    std::size_t j = i;
    while (j + 1 < values.size() && values[j + 1] == values[j] + 1) ++j;
    if (j - i >= 2) items.push_back(std::to_string(values[i]) + " to " + std::to_string(values[j]));
    else for (std::size_t k = i; k <= j; ++k) items.push_back(std::to_string(values[k]));
    i = j + 1;
  }
  return join(items);
}

std::string value_list(const std::vector<int>& values) {
  std::string out;
  for (int v : values) out += (out.empty() ? "" : ",") + std::to_string(v);
  return out;
}

std::string day_value(const std::vector<weekday_item>& days) {
  std::string out;
  for (const weekday_item& d : days)
    out += (out.empty() ? "" : ",") + (d.ordinal ? std::to_string(d.ordinal) : "") + day_codes[static_cast<int>(d.day)];
  return out;
}

bool has_ordinals(const rrule& r) {
  return std::any_of(r.by_day.begin(), r.by_day.end(), [](weekday_item d) { return d.ordinal != 0; });
}

// The plain weekdays of BYDAY as words: "Tuesday and Thursday", "weekdays", "weekends".
std::string weekday_set(const std::vector<weekday_item>& days) {
  unsigned mask = 0;
  for (const weekday_item& d : days) mask |= 1u << static_cast<int>(d.day);
  if (mask == 0x1f) return "weekdays";
  if (mask == 0x60) return "weekends";
  if (mask == 0x7f) return "every day of the week";
  std::vector<std::string> names;
  for (int d = 0; d < 7; ++d)
    if (mask & (1u << d)) names.push_back(day_names[d]);
  return join(names);
}

// BYDAY with ordinals: "the 1st Monday and the last Friday" (plain items: "every Friday").
std::string ordinal_days(const std::vector<weekday_item>& days) {
  std::vector<std::string> items;
  for (const weekday_item& d : days)
    items.push_back(d.ordinal ? "the " + ordinal(d.ordinal) + " " + day_names[static_cast<int>(d.day)]
                              : std::string("every ") + day_names[static_cast<int>(d.day)]);
  return join(items);
}

std::string ordinals(const std::vector<int>& values, const char* noun) {
  std::vector<std::string> items;
  for (int v : values) items.push_back(ordinal(v));
  return "the " + join(items) + (*noun ? " " : "") + noun;
}

std::string month_list(const std::vector<int>& months) {
  std::vector<int> sorted = months;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::string> names;
  for (int m : sorted) names.push_back(month_names[m - 1]);
  return join(names);
}

std::string week_list(const std::vector<int>& weeks) {
  if (std::all_of(weeks.begin(), weeks.end(), [](int w) { return w > 0; }))
    return (weeks.size() == 1 ? "week " : "weeks ") + number_list(weeks);
  std::vector<std::string> items;
  for (int w : weeks) items.push_back(w > 0 ? "week " + std::to_string(w) : "the " + ordinal(w) + " week");
  return join(items);
}

std::string unit_phrase(frequency f, std::uint32_t interval) {
  constexpr const char* units[] = {"second", "minute", "hour", "day", "week", "month", "year"};
  const std::string unit = units[static_cast<int>(f)];
  return interval == 1 ? "every " + unit : "every " + std::to_string(interval) + " " + unit + "s";
}

std::string until_words(const until_value& u) {
  const civil_fields f = split(u.time);
  const std::string date = std::to_string(f.date.year) + "-" + two_digits(f.date.month) + "-" + two_digits(f.date.day);
  if (u.form == until_value::kind::date) return "until " + date;
  const std::string time = clock(f.hour, f.minute, f.second, f.second != 0);
  return "until " + date + " " + time + (u.form == until_value::kind::utc ? " UTC" : " (the event's time zone)");
}

// The parts' words, recorded as they are produced, and the sentence they make.
struct sentence {
  const rrule& r;
  std::optional<civil_fields> start;
  description out;

  const std::string& note(const char* name, std::string value, std::string words) {
    out.parts.push_back({name, std::move(value), std::move(words)});
    return out.parts.back().words;
  }
  const char* period_noun() const {
    constexpr const char* nouns[] = {"second", "minute", "hour", "day", "week", "month", "year"};
    return nouns[static_cast<int>(r.freq)];
  }
};

bool sub_daily(const rrule& r) { return r.freq < frequency::daily; }

// MONTHLY (or YEARLY with BYMONTH) BYSETPOS over plain BYDAY alone: the set is a kind of day
// ("the last weekday"), said by month_form.
std::string setpos_day_noun(const rrule& r) {
  if (r.by_set_pos.empty() || r.by_day.empty() || has_ordinals(r) || !r.by_month_day.empty() ||
      !r.by_year_day.empty() || !r.by_week_no.empty() || !r.by_hour.empty() || !r.by_minute.empty() ||
      !r.by_second.empty() || (r.freq != frequency::monthly && (r.freq != frequency::yearly || r.by_month.empty())))
    return "";
  const std::string set = weekday_set(r.by_day);
  if (set == "weekdays") return "weekday";
  if (set == "weekends") return "weekend day";
  if (set == "every day of the week") return "day";
  if (r.by_day.size() == 1) return set;
  std::vector<std::string> names;
  for (const weekday_item& d : r.by_day) names.push_back(day_names[static_cast<int>(d.day)]);
  std::string either;
  for (std::size_t i = 0; i < names.size(); ++i) either += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return "day that is a " + either;
}

// The days of a month (or of the listed months) the rule picks, without "on": "the last
// weekday", "the 1st and 15th", "the 2nd Tuesday", "every Monday". Empty when it picks none.
std::string month_day_selector(sentence& s, const std::string& setpos_noun) {
  const rrule& r = s.r;
  if (!setpos_noun.empty()) {
    s.note("BYDAY", day_value(r.by_day), setpos_noun);
    return s.note("BYSETPOS", value_list(r.by_set_pos), ordinals(r.by_set_pos, setpos_noun.c_str()));
  }
  std::string selector;
  if (!r.by_month_day.empty())
    selector = s.note("BYMONTHDAY", value_list(r.by_month_day), ordinals(r.by_month_day, r.by_day.empty() ? "day" : ""));
  if (!r.by_day.empty() && has_ordinals(r))
    selector += (selector.empty() ? "" : " and ") + s.note("BYDAY", day_value(r.by_day), ordinal_days(r.by_day));
  else if (!r.by_day.empty() && selector.empty())
    selector = s.note("BYDAY", day_value(r.by_day), "every " + weekday_set(r.by_day));
  return selector;
}

// "on the last weekday of every month", "on the 4th Thursday of November, every year"; empty
// when the rule is not of that shape.
std::string month_form(sentence& s) {
  const rrule& r = s.r;
  const bool monthly = r.freq == frequency::monthly;
  const bool yearly_by_month = r.freq == frequency::yearly && !r.by_month.empty() && r.by_week_no.empty() &&
                               r.by_year_day.empty();
  if ((!monthly && !yearly_by_month) || (r.by_day.empty() && r.by_month_day.empty()) || !r.by_year_day.empty() ||
      !r.by_week_no.empty())
    return "";
  const std::string noun = setpos_day_noun(s.r);
  std::string text = "on " + month_day_selector(s, noun);
  const std::string every = s.note("FREQ", to_string(r.freq), unit_phrase(r.freq, r.interval));
  if (monthly) {
    text += " of " + every;
    if (!r.by_month.empty()) text += " in " + s.note("BYMONTH", value_list(r.by_month), month_list(r.by_month));
  } else text += " of " + s.note("BYMONTH", value_list(r.by_month), month_list(r.by_month)) + ", " + every;
  if (!r.by_month_day.empty() && !r.by_day.empty() && !has_ordinals(r))
    text += ", when it is " + s.note("BYDAY", day_value(r.by_day), "a " + weekday_set(r.by_day));
  return text;
}

// The filters of the general form, in the order months, weeks, days of the year, days of the
// month, weekdays: " in March on the 1st of the month on Monday".
std::string general_filters(sentence& s) {
  const rrule& r = s.r;
  std::string text;
  if (!r.by_month.empty()) text += " in " + s.note("BYMONTH", value_list(r.by_month), month_list(r.by_month));
  if (!r.by_week_no.empty()) text += " in " + s.note("BYWEEKNO", value_list(r.by_week_no), week_list(r.by_week_no));
  if (!r.by_year_day.empty())
    text += " on " + s.note("BYYEARDAY", value_list(r.by_year_day), ordinals(r.by_year_day, "day of the year"));
  if (!r.by_month_day.empty())
    text += " on " + s.note("BYMONTHDAY", value_list(r.by_month_day), ordinals(r.by_month_day, "day of the month"));
  if (!r.by_day.empty()) {
    const bool of_year = has_ordinals(r);
    text += " on " + s.note("BYDAY", day_value(r.by_day),
                            of_year ? ordinal_days(r.by_day) + (r.freq == frequency::monthly ? " of the month" : " of the year")
                                    : weekday_set(r.by_day));
  }
  return text;
}

// What the rule leaves to DTSTART's date: "on Monday", "on DTSTART's weekday", "on March 15".
std::string implied_day(const sentence& s) {
  const rrule& r = s.r;
  const bool no_days = r.by_day.empty() && r.by_month_day.empty() && r.by_year_day.empty();
  const auto& start = s.start;
  if (!no_days) return "";
  if (r.freq == frequency::weekly || (r.freq == frequency::yearly && !r.by_week_no.empty()))
    return start ? std::string(r.freq == frequency::yearly ? ", on " : " on ") +
                       day_names[static_cast<int>(weekday_of(days_from_civil(start->date)))]
                 : (r.freq == frequency::yearly ? ", on DTSTART's weekday" : " on DTSTART's weekday");
  if (r.freq == frequency::monthly || (r.freq == frequency::yearly && !r.by_month.empty()))
    return start ? " on the " + ordinal(start->date.day) : " on DTSTART's day of the month";
  if (r.freq == frequency::yearly)
    return start ? " on " + std::string(month_names[start->date.month - 1]) + " " + std::to_string(start->date.day)
                 : " on DTSTART's date";
  return "";
}

// The times of day of a DAILY or longer rule: "at 09:00 and 13:00", "at hours 9 to 17, at
// minutes 0 and 30", or from DTSTART alone "at 09:00". BYHOUR/BYMINUTE/BYSECOND share the words.
std::string times_of_day(sentence& s) {
  const rrule& r = s.r;
  const bool given = !r.by_hour.empty() || !r.by_minute.empty() || !r.by_second.empty();
  if (!given) return s.start ? " at " + clock(s.start->hour, s.start->minute, s.start->second, s.start->second != 0) : "";
  const auto values = [&](const std::vector<int>& by, int from_start) {
    return !by.empty() ? by : s.start ? std::vector<int>{from_start} : std::vector<int>{};
  };
  const std::vector<int> hours = values(r.by_hour, s.start ? s.start->hour : 0);
  const std::vector<int> minutes = values(r.by_minute, s.start ? s.start->minute : 0);
  const std::vector<int> secs = values(r.by_second, s.start ? s.start->second : 0);
  std::string words;
  if (!hours.empty() && !minutes.empty() && !secs.empty() && hours.size() * minutes.size() * secs.size() <= 8) {
    const bool with_seconds = std::any_of(secs.begin(), secs.end(), [](int x) { return x != 0; });
    std::vector<std::pair<int, std::string>> times;
    for (int h : hours)
      for (int m : minutes)
        for (int x : secs) times.emplace_back(h * 3600 + m * 60 + x, clock(h, m, x, with_seconds));
    std::sort(times.begin(), times.end());
    std::vector<std::string> texts;
    for (auto& t : times) texts.push_back(t.second);
    words = "at " + join(texts);
  } else {
    const auto piece = [](const std::vector<int>& v, const char* one, const char* many, const char* from_start) {
      return v.empty() ? std::string(from_start) : std::string(v.size() == 1 ? one : many) + number_list(v);
    };
    words = "at " + piece(hours, "hour ", "hours ", "DTSTART's hour") + ", " +
            piece(minutes, "minute ", "minutes ", "DTSTART's minute") + ", " +
            piece(secs, "second ", "seconds ", "DTSTART's second");
  }
  if (!r.by_hour.empty()) s.note("BYHOUR", value_list(r.by_hour), words);
  if (!r.by_minute.empty()) s.note("BYMINUTE", value_list(r.by_minute), words);
  if (!r.by_second.empty()) s.note("BYSECOND", value_list(r.by_second), words);
  return " " + words;
}

// The clock filters of a sub-daily rule: "from 09:00 to 17:45" (MINUTELY on a grid that divides
// the hour, over consecutive hours), else " during hours 9 to 17 at minutes 0 and 30".
std::string sub_daily_filters(sentence& s) {
  const rrule& r = s.r;
  std::vector<int> hours = r.by_hour;
  std::sort(hours.begin(), hours.end());
  const bool consecutive = !hours.empty() && hours.back() - hours.front() + 1 == static_cast<int>(hours.size());
  if (r.freq == frequency::minutely && s.start && consecutive && r.by_minute.empty() && r.by_second.empty() &&
      60 % r.interval == 0 && hours.size() > 1) {
    const int first = s.start->minute % static_cast<int>(r.interval);
    const int last = first + (59 - first) / static_cast<int>(r.interval) * static_cast<int>(r.interval);
    return " " + s.note("BYHOUR", value_list(r.by_hour),
                        "from " + clock(hours.front(), first, s.start->second, s.start->second != 0) + " to " +
                            clock(hours.back(), last, s.start->second, s.start->second != 0));
  }
  std::string text;
  const auto add = [&](const char* name, const std::vector<int>& v, const char* one, const char* many) {
    if (!v.empty()) text += " " + s.note(name, value_list(v), std::string(v.size() == 1 ? one : many) + number_list(v));
  };
  add("BYHOUR", r.by_hour, "during hour ", "during hours ");
  add("BYMINUTE", r.by_minute, "at minute ", "at minutes ");
  add("BYSECOND", r.by_second, "at second ", "at seconds ");
  return text;
}

// BYSETPOS not folded into a kind of day: ", only the 1st and last occurrences in each month".
std::string set_positions(sentence& s) {
  const rrule& r = s.r;
  if (r.by_set_pos.empty() || !setpos_day_noun(r).empty()) return "";
  const std::string words = "only " + ordinals(r.by_set_pos, r.by_set_pos.size() == 1 ? "occurrence" : "occurrences") +
                            " in each " + s.period_noun();
  return ", " + s.note("BYSETPOS", value_list(r.by_set_pos), words);
}

// COUNT, UNTIL, WKST, X- parts, EXDATE and RDATE: ", 10 times, weeks starting on Sunday, except on 2 dates".
std::string endings(sentence& s, const recurrence& rec) {
  const rrule& r = s.r;
  std::string text;
  if (r.count)
    text += ", " + s.note("COUNT", std::to_string(*r.count), *r.count == 1 ? "once" : std::to_string(*r.count) + " times");
  if (r.until) {
    const until_value& u = *r.until;
    const std::string value = u.form == until_value::kind::date
                                  ? format_ical_date(split(u.time).date)
                                  : format_ical_date_time(u.time, u.form == until_value::kind::utc);
    text += ", " + s.note("UNTIL", value, until_words(u));
  }
  if (r.week_start_given)
    text += ", " + s.note("WKST", day_codes[static_cast<int>(r.week_start)],
                          std::string("weeks starting on ") + day_names[static_cast<int>(r.week_start)]);
  for (const std::string& x : r.extensions) text += ", " + s.note("X-", x, "with " + x + " (ignored)");
  const auto dates = [&](const char* name, std::size_t n, const char* lead, const char* unit) {
    if (n) text += ", " + s.note(name, std::to_string(n), lead + std::to_string(n) + unit + (n == 1 ? "" : "s"));
  };
  dates("EXDATE", rec.exdates.size(), "except on ", " date");
  dates("RDATE", rec.rdates.size(), "and on ", " more date");
  return text;
}

}  // namespace

description describe(const recurrence& rec, const std::optional<civil_seconds>& dtstart) {
  sentence s{rec.rule, dtstart ? std::optional<civil_fields>(split(*dtstart)) : std::nullopt, {}};
  const rrule& r = rec.rule;
  if (r.interval != 1) s.note("INTERVAL", std::to_string(r.interval), unit_phrase(r.freq, r.interval));
  std::string text = month_form(s);
  if (text.empty()) {
    text = s.note("FREQ", to_string(r.freq), unit_phrase(r.freq, r.interval));
    if (sub_daily(r)) text += sub_daily_filters(s);
    text += general_filters(s) + implied_day(s);
  }
  if (!sub_daily(r)) text += times_of_day(s);
  text += set_positions(s) + endings(s, rec);
  s.out.text = std::move(text);
  return std::move(s.out);
}

}  // namespace recur
