// describe(): a table of rules with the sentence each should read as (written from the rule,
// by hand), and over generated rules: it never fails and names every part present.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <random>

#include "recur/describe.hpp"
#include "recur/iso8601.hpp"
#include "support/run_process.hpp"

using namespace recur;

namespace {

struct case_row {
  const char* rule;
  const char* start;  // DTSTART's wall clock, or "" for none
  const char* text;
};

// 2026-03-02 is a Monday, 2026-03-03 a Tuesday, 2026-05-13 a Wednesday.
const case_row table[] = {
    {"FREQ=DAILY", "", "every day"},
    {"FREQ=DAILY", "2026-03-03T09:00:00", "every day at 09:00"},
    {"FREQ=DAILY;INTERVAL=3", "2026-03-03T09:30:00", "every 3 days at 09:30"},
    {"FREQ=DAILY", "2026-03-03T09:30:15", "every day at 09:30:15"},
    {"FREQ=WEEKLY", "", "every week on DTSTART's weekday"},
    {"FREQ=WEEKLY", "2026-03-03T09:00:00", "every week on Tuesday at 09:00"},
    {"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10", "2026-03-03T09:00:00",
     "every 2 weeks on Tuesday and Thursday at 09:00, 10 times"},
    {"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "", "every week on weekdays"},
    {"FREQ=WEEKLY;BYDAY=SA,SU", "", "every week on weekends"},
    {"FREQ=WEEKLY;BYDAY=FR,MO,WE", "", "every week on Monday, Wednesday and Friday"},
    {"FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR,SA,SU", "", "every day on every day of the week"},
    {"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "", "on the last weekday of every month"},
    {"FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1", "", "on the 1st weekend day of every month"},
    {"FREQ=MONTHLY;BYDAY=MO,FR;BYSETPOS=1,-1", "", "on the 1st and last day that is a Monday or Friday of every month"},
    {"FREQ=MONTHLY;BYDAY=-1FR", "", "on the last Friday of every month"},
    {"FREQ=MONTHLY;BYDAY=1MO,3MO", "", "on the 1st Monday and the 3rd Monday of every month"},
    {"FREQ=MONTHLY;BYDAY=MO,WE", "", "on every Monday and Wednesday of every month"},
    {"FREQ=MONTHLY;BYMONTHDAY=1,15", "", "on the 1st and 15th day of every month"},
    {"FREQ=MONTHLY;BYMONTHDAY=-1", "", "on the last day of every month"},
    {"FREQ=MONTHLY;BYMONTHDAY=-2", "", "on the 2nd-to-last day of every month"},
    {"FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR", "", "on the 13th of every month, when it is a Friday"},
    {"FREQ=MONTHLY", "2026-03-15T10:00:00", "every month on the 15th at 10:00"},
    {"FREQ=MONTHLY", "", "every month on DTSTART's day of the month"},
    {"FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU", "", "on the 2nd Tuesday of every 3 months"},
    {"FREQ=MONTHLY;BYDAY=1MO;BYMONTH=1,7", "", "on the 1st Monday of every month in January and July"},
    {"FREQ=MONTHLY;BYMONTHDAY=1,2,3;BYSETPOS=-1", "",
     "on the 1st, 2nd and 3rd day of every month, only the last occurrence in each month"},
    {"FREQ=MONTHLY;BYMONTHDAY=21,22,23;BYHOUR=9", "2026-01-21T09:00:00", "on the 21st, 22nd and 23rd day of every month at 09:00"},
    {"FREQ=YEARLY", "", "every year on DTSTART's date"},
    {"FREQ=YEARLY", "2026-03-15T08:00:00", "every year on March 15 at 08:00"},
    {"FREQ=YEARLY;BYWEEKNO=20", "", "every year in week 20, on DTSTART's weekday"},
    {"FREQ=YEARLY;BYWEEKNO=20", "2026-05-13T09:00:00", "every year in week 20, on Wednesday at 09:00"},
    {"FREQ=YEARLY;BYWEEKNO=1,20,-1;BYDAY=MO", "", "every year in week 1, week 20 and the last week on Monday"},
    {"FREQ=YEARLY;BYWEEKNO=10,11,12;BYDAY=MO", "", "every year in weeks 10 to 12 on Monday"},
    {"FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "", "on the 4th Thursday of November, every year"},
    {"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "", "on the 29th day of February, every year"},
    {"FREQ=YEARLY;BYMONTH=1,3", "", "every year in January and March on DTSTART's day of the month"},
    {"FREQ=YEARLY;BYMONTH=1,3", "2026-01-10T12:00:00", "every year in January and March on the 10th at 12:00"},
    {"FREQ=YEARLY;BYYEARDAY=1,100,-1", "", "every year on the 1st, 100th and last day of the year"},
    {"FREQ=YEARLY;BYDAY=20MO", "", "every year on the 20th Monday of the year"},
    {"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "", "on the last Sunday of March, every year"},
    {"FREQ=YEARLY;BYMONTH=6;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "", "on the last weekday of June, every year"},
    {"FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "",
     "on the 2nd, 3rd, 4th, 5th, 6th, 7th and 8th of November, every 4 years, when it is a Tuesday"},
    {"FREQ=DAILY;BYHOUR=9,13,17", "2026-01-01T09:00:00", "every day at 09:00, 13:00 and 17:00"},
    {"FREQ=DAILY;BYHOUR=9,13", "", "every day at hours 9 and 13, DTSTART's minute, DTSTART's second"},
    {"FREQ=DAILY;BYHOUR=9;BYMINUTE=0,30", "2026-01-01T09:00:00", "every day at 09:00 and 09:30"},
    {"FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0", "", "every day at 09:00"},
    {"FREQ=DAILY;BYMINUTE=0,15,30,45;BYHOUR=8,9,10", "2026-01-01T08:00:00",
     "every day at hours 8 to 10, minutes 0, 15, 30 and 45, second 0"},
    {"FREQ=DAILY;INTERVAL=2;BYHOUR=10;BYMINUTE=30;COUNT=3", "",
     "every 2 days at hour 10, minute 30, DTSTART's second, 3 times"},
    {"FREQ=HOURLY", "", "every hour"},
    {"FREQ=HOURLY;INTERVAL=6", "", "every 6 hours"},
    {"FREQ=HOURLY;BYMINUTE=0,30", "", "every hour at minutes 0 and 30"},
    {"FREQ=HOURLY;BYDAY=SA", "", "every hour on Saturday"},
    {"FREQ=MINUTELY;INTERVAL=15;BYHOUR=9,10,11,12,13,14,15,16,17;BYDAY=MO,TU,WE,TH,FR", "2026-03-02T09:00:00",
     "every 15 minutes from 09:00 to 17:45 on weekdays"},
    {"FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10", "2026-03-02T09:05:00", "every 20 minutes from 09:05 to 10:45"},
    {"FREQ=MINUTELY;INTERVAL=7;BYHOUR=9,10", "2026-03-02T09:00:00", "every 7 minutes during hours 9 and 10"},
    {"FREQ=MINUTELY;BYHOUR=9", "2026-03-02T09:00:00", "every minute during hour 9"},
    {"FREQ=SECONDLY;INTERVAL=30", "", "every 30 seconds"},
    {"FREQ=SECONDLY;BYSECOND=0,30;BYMINUTE=0", "", "every second at minute 0 at seconds 0 and 30"},
    {"FREQ=DAILY;BYMONTH=12", "", "every day in December"},
    {"FREQ=DAILY;BYMONTHDAY=1,-1", "", "every day on the 1st and last day of the month"},
    {"FREQ=DAILY;COUNT=1", "", "every day, once"},
    {"FREQ=DAILY;UNTIL=20261231T235959Z", "", "every day, until 2026-12-31 23:59:59 UTC"},
    {"FREQ=DAILY;UNTIL=20261231", "", "every day, until 2026-12-31"},
    {"FREQ=DAILY;UNTIL=20261231T090000", "", "every day, until 2026-12-31 09:00 (the event's time zone)"},
    {"FREQ=WEEKLY;WKST=SU;BYDAY=TU", "", "every week on Tuesday, weeks starting on Sunday"},
    {"FREQ=DAILY;BYSETPOS=1;BYHOUR=9,17", "2026-01-01T09:00:00",
     "every day at 09:00 and 17:00, only the 1st occurrence in each day"},
    {"RRULE:FREQ=DAILY;COUNT=5\nEXDATE:20260302T090000Z,20260303T090000Z", "", "every day, 5 times, except on 2 dates"},
    {"RRULE:FREQ=WEEKLY;BYDAY=MO\nRDATE:20260305T090000Z", "", "every week on Monday, and on 1 more date"},
    {"RRULE:FREQ=DAILY\nEXDATE:20260302T090000Z\nRDATE:20260305T090000Z,20260306T090000Z", "2026-03-01T09:00:00",
     "every day at 09:00, except on 1 date, and on 2 more dates"},
    {"FREQ=WEEKLY;BYDAY=MO;X-NAME=1", "", "every week on Monday, with X-NAME=1 (ignored)"},
};

std::optional<civil_seconds> start_of(const char* text) {
  if (!*text) return std::nullopt;
  return parse_iso8601(text).value().local;
}

}  // namespace

TEST_CASE("describe: each rule of the table reads as written", "[describe]") {
  STATIC_REQUIRE(sizeof table / sizeof table[0] >= 60);
  for (const case_row& row : table) {
    INFO(row.rule);
    const auto parsed = parse_recurrence(row.rule);
    REQUIRE(parsed);
    CHECK(describe(parsed.value().value, start_of(row.start)).text == row.text);
  }
}

TEST_CASE("describe: parts carry their value and words", "[describe]") {
  const auto r = parse_recurrence("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10\nEXDATE:20260310T140000Z").value().value;
  const description d = describe(r);
  std::vector<std::string> names;
  for (const description_part& p : d.parts) names.push_back(p.name);
  CHECK(names == std::vector<std::string>{"INTERVAL", "FREQ", "BYDAY", "COUNT", "EXDATE"});
  CHECK(d.parts[2].value == "TU,TH");
  CHECK(d.parts[2].words == "Tuesday and Thursday");
  CHECK(d.parts[4].value == "1");
}

namespace {

// A rule RFC 5545 allows, from a seed: FREQ, INTERVAL and a random subset of parts.
std::string random_rule(std::mt19937& rng) {
  const char* freqs[] = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
  const int f = static_cast<int>(rng() % 7);
  std::string text = std::string("FREQ=") + freqs[f];
  const auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
  const auto list = [&](int lo, int hi, bool negative) {
    std::string out;
    for (int i = 0, n = 1 + static_cast<int>(rng() % 3); i < n; ++i) {
      int v = lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1));
      if (negative && chance(30)) v = -v;
      out += (i ? "," : "") + std::to_string(v);
    }
    return out;
  };
  if (chance(40)) text += ";INTERVAL=" + std::to_string(1 + rng() % 5);
  if (chance(30)) text += ";COUNT=" + std::to_string(1 + rng() % 20);
  else if (chance(30)) text += ";UNTIL=20301231T000000Z";
  if (chance(30)) text += ";BYMONTH=" + list(1, 12, false);
  if (f == 6 && chance(20)) text += ";BYWEEKNO=" + list(1, 53, true);
  if (f == 6 && chance(20)) text += ";BYYEARDAY=" + list(1, 366, true);
  if (f != 4 && chance(30)) text += ";BYMONTHDAY=" + list(1, 31, true);
  if (chance(40)) {
    const char* days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    const bool ordinals = (f == 5 || (f == 6 && text.find("BYWEEKNO") == std::string::npos)) && chance(50);
    text += ";BYDAY=";
    for (int i = 0, n = 1 + static_cast<int>(rng() % 3); i < n; ++i)
      text += std::string(i ? "," : "") + (ordinals ? std::to_string(1 + rng() % 4) : "") + days[rng() % 7];
  }
  if (chance(30)) text += ";BYHOUR=" + list(0, 23, false);
  if (chance(30)) text += ";BYMINUTE=" + list(0, 59, false);
  if (chance(20)) text += ";BYSECOND=" + list(0, 59, false);
  if (text.find(";BY") != std::string::npos && chance(20)) text += ";BYSETPOS=" + list(1, 5, true);
  if (chance(15)) text += ";WKST=SU";
  return text;
}

}  // namespace

TEST_CASE("describe: generated rules are described, every part present named in the text", "[describe][property]") {
  std::mt19937 rng(20261207);
  int described = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string text = random_rule(rng);
    const auto parsed = parse_recurrence(text);
    if (!parsed) continue;  // a combination the RFC forbids
    INFO(text);
    const std::optional<civil_seconds> start =
        i % 2 ? std::optional<civil_seconds>(make_civil(civil_date{2026, 3, 1 + i % 28}, 9, i % 60, 0)) : std::nullopt;
    const description d = describe(parsed.value().value, start);
    CHECK_FALSE(d.text.empty());
    const std::string canonical = to_string(parsed.value().value.rule);
    for (const char* part : {"INTERVAL", "COUNT", "UNTIL", "BYMONTH=", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY",
                             "BYDAY", "BYHOUR", "BYMINUTE", "BYSECOND", "BYSETPOS", "WKST"}) {
      if (canonical.find(part) == std::string::npos) continue;
      const std::string name = std::string(part).substr(0, std::string(part).find('='));
      const auto it = std::find_if(d.parts.begin(), d.parts.end(), [&](const description_part& p) { return p.name == name; });
      INFO(name);
      REQUIRE(it != d.parts.end());
      CHECK_FALSE(it->words.empty());
      CHECK(d.text.find(it->words) != std::string::npos);
    }
    ++described;
  }
  CHECK(described > 1500);
}

TEST_CASE("cli: recur describe in text and JSON", "[describe][cli]") {
  using recur::test::run_process;
  const std::string rule = "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10";
  const auto text = run_process({RECUR_CLI, "describe", "--rrule", rule, "--start", "2026-03-03T09:00:00-05:00"});
  CHECK(text.exit_code == 0);
  CHECK(text.out == "every 2 weeks on Tuesday and Thursday at 09:00, 10 times\n");
  // 14:00Z is 09:00 in New York (EST): --tz reads --start on that zone's wall clock.
  const auto zoned = run_process({RECUR_CLI, "describe", "--rrule", "FREQ=DAILY", "--start", "2026-03-03T14:00:00Z",
                                  "--tz", "America/New_York"});
  CHECK(zoned.out == "every day at 09:00\n");
  const auto json = run_process({RECUR_CLI, "describe", "--rrule", rule + "\nEXDATE:20260310T140000Z", "--format", "json"});
  REQUIRE(json.exit_code == 0);
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j["text"] == "every 2 weeks on Tuesday and Thursday, 10 times, except on 1 date");
  REQUIRE(j["parts"].size() == 5);
  CHECK(j["parts"][2]["part"] == "BYDAY");
  CHECK(j["parts"][2]["value"] == "TU,TH");
  CHECK(j["parts"][2]["words"] == "Tuesday and Thursday");
  const auto bad = run_process({RECUR_CLI, "describe", "--rrule", "FREQ=DAILY;BYHOUR=24"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::StartsWith("recur: error: --rrule: BYHOUR value 24"));
  CHECK(run_process({RECUR_CLI, "describe", "--rrule", "FREQ=DAILY", "--tz", "UTC"}).exit_code == 2);
}
