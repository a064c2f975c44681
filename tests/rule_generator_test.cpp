// The rule generator's fast paths against its general path: period shapes (a period's
// instances served from the shape of an earlier period with the same facts) must give exactly
// what testing every day of every period gives, on generated rules of every day-level FREQ.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "recur/rrule.hpp"
#include "rules/rule_generator.hpp"

using namespace recur;

namespace {

// A random rule text: FREQ, INTERVAL and a random subset of the day-level and time parts.
// Some draws break RFC 5545's rules for their FREQ; the parser refuses those.
std::string random_rule(std::mt19937& rng) {
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto maybe = [&](int percent) { return pick(1, 100) <= percent; };
  const char* freqs[] = {"YEARLY", "MONTHLY", "WEEKLY", "DAILY"};
  const char* days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  std::string r = std::string("FREQ=") + freqs[pick(0, 3)];
  if (maybe(30)) r += ";INTERVAL=" + std::to_string(pick(2, 5));
  auto list = [&](const char* name, int lo, int hi, bool negatives, int max_items) {
    r += std::string(";") + name + "=";
    for (int i = 0, n = pick(1, max_items); i < n; ++i) {
      int v = pick(lo, hi);
      if (negatives && maybe(30)) v = -v;
      r += (i ? "," : "") + std::to_string(v);
    }
  };
  if (maybe(40)) list("BYMONTH", 1, 12, false, 3);
  if (maybe(40)) list("BYMONTHDAY", 1, 31, true, 3);
  if (maybe(15)) list("BYYEARDAY", 1, 366, true, 3);
  if (maybe(50)) {
    r += ";BYDAY=";
    for (int i = 0, n = pick(1, 3); i < n; ++i) {
      if (i) r += ",";
      if (maybe(40)) r += std::to_string(maybe(30) ? -pick(1, 5) : pick(1, 5));
      r += days[pick(0, 6)];
    }
  }
  if (maybe(25)) list("BYHOUR", 0, 23, false, 2);
  if (maybe(25)) list("BYSETPOS", 1, 6, true, 2);
  if (maybe(20)) r += std::string(";WKST=") + days[pick(0, 6)];
  return r;
}

std::vector<std::int64_t> first_instances(detail::rule_generator g, std::size_t n) {
  std::vector<std::int64_t> out;
  civil_seconds t;
  while (out.size() < n && g.next(t)) out.push_back(t.value);
  return out;
}

}  // namespace

TEST_CASE("rule generator: period shapes give what the general path gives, on generated rules", "[generator][property]") {
  std::mt19937 rng(20261207);
  int compared = 0, with_instances = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string text = random_rule(rng);
    const auto rule = parse_rrule(text);
    if (!rule) continue;  // a part RFC 5545 forbids for this FREQ
    const int year = std::uniform_int_distribution<int>(1600, 2400)(rng);
    const int month = std::uniform_int_distribution<int>(1, 12)(rng);
    const int day = std::uniform_int_distribution<int>(1, 28)(rng);
    const civil_seconds dtstart = make_civil(civil_date{year, month, day}, 9, 30, 0);
    detail::rule_generator shaped(rule->rule, dtstart);
    detail::rule_generator general(rule->rule, dtstart);
    general.set_period_shapes(false);
    // A horizon (a window's end, UNTIL) in two draws of three: shapes and passed years stop
    // where the general path stops.
    const int horizon_days = std::uniform_int_distribution<int>(-3000, 6000)(rng);
    if (horizon_days > 0) {
      const civil_seconds horizon{dtstart.value + std::int64_t{horizon_days} * 86400};
      shaped.set_horizon(horizon);
      general.set_horizon(horizon);
    }
    const auto expected = first_instances(general, 400);
    const auto got = first_instances(shaped, 400);
    INFO(text << " from " << year << "-" << month << "-" << day << ", horizon " << horizon_days << " days on");
    REQUIRE(got == expected);
    ++compared;
    if (!expected.empty()) ++with_instances;
  }
  CHECK(compared > 1000);
  CHECK(with_instances > 800);
}

TEST_CASE("rule generator: shapes near the calendar's end and across skipped years", "[generator]") {
  // February 29 YEARLY (empty shapes skipped three years in four), a rule ending at 9999, and
  // a rule whose only matches lie centuries apart.
  for (const char* text : {"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;INTERVAL=3;BYMONTH=2;BYMONTHDAY=29",
                           "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1;BYDAY=SU", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
                           "FREQ=YEARLY;INTERVAL=7;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
                           "FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=FR", "FREQ=YEARLY;BYYEARDAY=366;BYDAY=SU",
                           "FREQ=WEEKLY;BYDAY=MO,FR", "FREQ=DAILY;BYDAY=SA"}) {
    for (int year : {1, 1899, 9990}) {
      INFO(text << " from " << year);
      const auto rule = parse_rrule(text);
      REQUIRE(rule);
      const civil_seconds dtstart = make_civil(civil_date{year, 1, 1}, 0, 0, 0);
      detail::rule_generator shaped(rule->rule, dtstart);
      detail::rule_generator general(rule->rule, dtstart);
      general.set_period_shapes(false);
      CHECK(first_instances(shaped, 2000) == first_instances(general, 2000));
    }
  }
}

TEST_CASE("rule generator: days and weeks served in batches are the general path's, over long runs", "[generator]") {
  // DAILY and WEEKLY periods come from their weekday shapes many at a time; the batches must
  // step the weekday with INTERVAL, stop at the horizon and at the instance bound (rules with
  // many times a day), and examine the same periods as the general path.
  for (const char* text : {"FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=DAILY;INTERVAL=5;BYDAY=MO,WE",
                           "FREQ=DAILY;BYDAY=SU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU",
                           "FREQ=DAILY;BYHOUR=0,3,6,9,12,15,18,21;BYMINUTE=0,10,20,30,40,50",
                           "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=2,-1"}) {
    for (int horizon_days : {0, 1, 40, 3001}) {
      INFO(text << ", horizon " << horizon_days << " days on");
      const auto rule = parse_rrule(text);
      REQUIRE(rule);
      const civil_seconds dtstart = make_civil(civil_date{2026, 3, 5}, 9, 30, 0);
      detail::rule_generator shaped(rule->rule, dtstart);
      detail::rule_generator general(rule->rule, dtstart);
      general.set_period_shapes(false);
      if (horizon_days > 0) {
        shaped.set_horizon(civil_seconds{dtstart.value + std::int64_t{horizon_days} * 86400});
        general.set_horizon(civil_seconds{dtstart.value + std::int64_t{horizon_days} * 86400});
      }
      const auto expected = first_instances(general, 20000);
      CHECK(first_instances(shaped, 20000) == expected);
      if (horizon_days > 0 && expected.size() < 20000) CHECK(shaped.periods_examined() == general.periods_examined());
    }
  }
}

TEST_CASE("rule generator: a horizon stops shaped years where the general path stops", "[generator]") {
  // Years passed as known to be empty must not carry the generator past the horizon: both
  // paths give the instances up to the horizon and then end.
  for (const char* text : {"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
                           "FREQ=YEARLY;INTERVAL=2;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}) {
    for (int horizon_year : {2027, 2028, 2100, 2400}) {
      INFO(text << " to " << horizon_year);
      const auto rule = parse_rrule(text);
      REQUIRE(rule);
      const civil_seconds dtstart = make_civil(civil_date{2000, 2, 29}, 12, 0, 0);
      const civil_seconds horizon = make_civil(civil_date{horizon_year, 3, 1}, 0, 0, 0);
      detail::rule_generator shaped(rule->rule, dtstart);
      shaped.set_horizon(horizon);
      detail::rule_generator general(rule->rule, dtstart);
      general.set_period_shapes(false);
      std::vector<std::int64_t> expected;
      for (std::int64_t t : first_instances(general, 1000))
        if (t <= horizon.value) expected.push_back(t);
      const auto got = first_instances(shaped, 1000);
      CHECK(got == expected);
      CHECK(shaped.periods_examined() <= static_cast<std::uint64_t>(horizon_year - 2000 + 2));
    }
  }
}

TEST_CASE("rule generator: sub-daily periods filled in one pass are the rule's grid, day filters applied", "[generator][sub-daily]") {
  // Expected values by brute force, independently of the generator: every INTERVAL-th period
  // start from DTSTART's, kept when its day passes the weekday or month-day filter, plus the
  // offset DTSTART gives within the period; with a horizon, no period starting after it.
  struct grid_case {
    const char* rule;
    std::int64_t period_seconds;  // FREQ unit x INTERVAL
    std::int64_t offset;          // the instance's place in its period (DTSTART's minutes, seconds)
    bool (*day_passes)(const civil_date&, weekday);
  };
  const grid_case cases[] = {
      {"FREQ=MINUTELY;INTERVAL=7;BYDAY=MO,TU", 420, 0,
       [](const civil_date&, weekday w) { return w == weekday::mo || w == weekday::tu; }},
      {"FREQ=HOURLY;INTERVAL=5;BYMONTHDAY=1,2,-1", 18000, 17 * 60 + 9,
       [](const civil_date& d, weekday) { return d.day <= 2 || d.day == days_in_month(d.year, d.month); }},
      {"FREQ=SECONDLY;INTERVAL=13", 13, 0, [](const civil_date&, weekday) { return true; }},
  };
  const civil_seconds dtstart = make_civil(civil_date{2026, 3, 30}, 23, 17, 9);
  for (const grid_case& c : cases) {
    for (const bool with_horizon : {false, true}) {
      INFO(c.rule << (with_horizon ? " with a horizon" : ""));
      const auto rule = parse_rrule(c.rule);
      REQUIRE(rule);
      const std::int64_t horizon = dtstart.value + 1500 * c.period_seconds + 1234;  // past a midnight
      std::vector<std::int64_t> expected;
      const std::int64_t first_period = dtstart.value - c.offset;
      for (std::int64_t start = first_period; expected.size() < 3000; start += c.period_seconds) {
        if (with_horizon && start > horizon) break;
        const std::int64_t day = floor_div(start, seconds_per_day);
        if (c.day_passes(civil_from_days(day), weekday_of(day)) && start + c.offset >= dtstart.value)
          expected.push_back(start + c.offset);
      }
      detail::rule_generator g(rule->rule, dtstart);
      if (with_horizon) g.set_horizon(civil_seconds{horizon});
      CHECK(first_instances(g, expected.size() + (with_horizon ? 10 : 0)) == expected);
    }
  }
}
