// Every example of RFC 5545 section 3.8.5.3 ("Recurrence Rule"), with the dates the RFC
// prints. The RFC gives local New York dates and labels each group EDT (UTC-4) or EST
// (UTC-5); the expected instants are computed from those labels here, independently of
// recur's zone code. Examples marked "forever" (or printed with "...") are compared on the
// prefix the RFC prints.
#include <catch2/catch.hpp>

#include <sstream>

#include "support/series_helper.hpp"

using namespace recur;

namespace {

struct rfc_example {
  const char* title;
  const char* rule;
  const char* dtstart;   // New York wall time with its offset, as the API writes startTime
  const char* expected;  // "YYYY-MM days[@HH:MM,...] EDT|EST; ..."; days "2,4,6-9"
  bool prefix;           // the RFC prints only the start of an endless series
};

// Expands the expectation text into UTC epoch ms.
std::vector<std::int64_t> expected_instants(const std::string& text, const std::string& dtstart_time) {
  std::vector<std::int64_t> out;
  std::stringstream groups(text);
  std::string group;
  while (std::getline(groups, group, ';')) {
    std::stringstream fields(group);
    std::string ym, days, label;
    fields >> ym >> days >> label;
    const int year = std::stoi(ym.substr(0, 4)), month = std::stoi(ym.substr(5, 2));
    std::string times = dtstart_time;
    const auto at = days.find('@');
    if (at != std::string::npos) {
      times = days.substr(at + 1);
      days = days.substr(0, at);
    }
    const int offset_hours = label == "EDT" ? -4 : label == "EST" ? -5 : 99;
    REQUIRE(offset_hours != 99);
    std::stringstream day_list(days);
    std::string item;
    while (std::getline(day_list, item, ',')) {
      const auto dash = item.find('-');
      const int first = std::stoi(item.substr(0, dash));
      const int last = dash == std::string::npos ? first : std::stoi(item.substr(dash + 1));
      for (int d = first; d <= last; ++d) {
        std::stringstream time_list(times);
        std::string hhmm;
        while (std::getline(time_list, hhmm, ',')) {
          const int h = std::stoi(hhmm.substr(0, 2)), m = std::stoi(hhmm.substr(3, 2));
          const std::int64_t local = days_from_civil(civil_date{year, month, d}) * 86400 + h * 3600 + m * 60;
          out.push_back((local - offset_hours * 3600) * 1000);
        }
      }
    }
  }
  return out;
}

const rfc_example examples[] = {
    {"Daily for 10 occurrences", "RRULE:FREQ=DAILY;COUNT=10", "1997-09-02T09:00:00-04:00", "1997-09 2-11 EDT", false},
    {"Daily until December 24, 1997", "RRULE:FREQ=DAILY;UNTIL=19971224T000000Z", "1997-09-02T09:00:00-04:00",
     "1997-09 2-30 EDT;1997-10 1-25 EDT;1997-10 26-31 EST;1997-11 1-30 EST;1997-12 1-23 EST", false},
    {"Every other day - forever", "RRULE:FREQ=DAILY;INTERVAL=2", "1997-09-02T09:00:00-04:00",
     "1997-09 2,4,6,8,10,12,14,16,18,20,22,24,26,28,30 EDT;1997-10 2,4,6,8,10,12,14,16,18,20,22,24 EDT;"
     "1997-10 26,28,30 EST;1997-11 1,3,5,7,9,11,13,15,17,19,21,23,25,27,29 EST;1997-12 1,3 EST",
     true},
    {"Every 10 days, 5 occurrences", "RRULE:FREQ=DAILY;INTERVAL=10;COUNT=5", "1997-09-02T09:00:00-04:00",
     "1997-09 2,12,22 EDT;1997-10 2,12 EDT", false},
    {"Every day in January, for 3 years (YEARLY)",
     "RRULE:FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA", "1998-01-01T09:00:00-05:00",
     "1998-01 1-31 EST;1999-01 1-31 EST;2000-01 1-31 EST", false},
    {"Every day in January, for 3 years (DAILY)", "RRULE:FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1",
     "1998-01-01T09:00:00-05:00", "1998-01 1-31 EST;1999-01 1-31 EST;2000-01 1-31 EST", false},
    {"Weekly for 10 occurrences", "RRULE:FREQ=WEEKLY;COUNT=10", "1997-09-02T09:00:00-04:00",
     "1997-09 2,9,16,23,30 EDT;1997-10 7,14,21 EDT;1997-10 28 EST;1997-11 4 EST", false},
    {"Weekly until December 24, 1997", "RRULE:FREQ=WEEKLY;UNTIL=19971224T000000Z", "1997-09-02T09:00:00-04:00",
     "1997-09 2,9,16,23,30 EDT;1997-10 7,14,21 EDT;1997-10 28 EST;1997-11 4,11,18,25 EST;1997-12 2,9,16,23 EST",
     false},
    {"Every other week - forever", "RRULE:FREQ=WEEKLY;INTERVAL=2;WKST=SU", "1997-09-02T09:00:00-04:00",
     "1997-09 2,16,30 EDT;1997-10 14 EDT;1997-10 28 EST;1997-11 11,25 EST;1997-12 9,23 EST;1998-01 6,20 EST;"
     "1998-02 3,17 EST",
     true},
    {"Weekly on Tuesday and Thursday for five weeks (UNTIL)",
     "RRULE:FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", "1997-09-02T09:00:00-04:00",
     "1997-09 2,4,9,11,16,18,23,25,30 EDT;1997-10 2 EDT", false},
    {"Weekly on Tuesday and Thursday for five weeks (COUNT)", "RRULE:FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
     "1997-09-02T09:00:00-04:00", "1997-09 2,4,9,11,16,18,23,25,30 EDT;1997-10 2 EDT", false},
    {"Every other week on Monday, Wednesday, and Friday until December 24, 1997",
     "RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR", "1997-09-01T09:00:00-04:00",
     "1997-09 1,3,5,15,17,19,29 EDT;1997-10 1,3,13,15,17 EDT;1997-10 27,29,31 EST;1997-11 10,12,14,24,26,28 EST;"
     "1997-12 8,10,12,22 EST",
     false},
    {"Every other week on Tuesday and Thursday, for 8 occurrences",
     "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", "1997-09-02T09:00:00-04:00",
     "1997-09 2,4,16,18,30 EDT;1997-10 2,14,16 EDT", false},
    {"Monthly on the first Friday for 10 occurrences", "RRULE:FREQ=MONTHLY;COUNT=10;BYDAY=1FR", "1997-09-05T09:00:00-04:00",
     "1997-09 5 EDT;1997-10 3 EDT;1997-11 7 EST;1997-12 5 EST;1998-01 2 EST;1998-02 6 EST;1998-03 6 EST;"
     "1998-04 3 EST;1998-05 1 EDT;1998-06 5 EDT",
     false},
    {"Monthly on the first Friday until December 24, 1997", "RRULE:FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR",
     "1997-09-05T09:00:00-04:00", "1997-09 5 EDT;1997-10 3 EDT;1997-11 7 EST;1997-12 5 EST", false},
    {"Every other month on the first and last Sunday of the month for 10 occurrences",
     "RRULE:FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", "1997-09-07T09:00:00-04:00",
     "1997-09 7,28 EDT;1997-11 2,30 EST;1998-01 4,25 EST;1998-03 1,29 EST;1998-05 3,31 EDT", false},
    {"Monthly on the second-to-last Monday of the month for 6 months", "RRULE:FREQ=MONTHLY;COUNT=6;BYDAY=-2MO",
     "1997-09-22T09:00:00-04:00", "1997-09 22 EDT;1997-10 20 EDT;1997-11 17 EST;1997-12 22 EST;1998-01 19 EST;1998-02 16 EST",
     false},
    {"Monthly on the third-to-the-last day of the month, forever", "RRULE:FREQ=MONTHLY;BYMONTHDAY=-3",
     "1997-09-28T09:00:00-04:00", "1997-09 28 EDT;1997-10 29 EST;1997-11 28 EST;1997-12 29 EST;1998-01 29 EST;1998-02 26 EST",
     true},
    {"Monthly on the 2nd and 15th of the month for 10 occurrences", "RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15",
     "1997-09-02T09:00:00-04:00", "1997-09 2,15 EDT;1997-10 2,15 EDT;1997-11 2,15 EST;1997-12 2,15 EST;1998-01 2,15 EST",
     false},
    {"Monthly on the first and last day of the month for 10 occurrences",
     "RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", "1997-09-30T09:00:00-04:00",
     "1997-09 30 EDT;1997-10 1 EDT;1997-10 31 EST;1997-11 1,30 EST;1997-12 1,31 EST;1998-01 1,31 EST;1998-02 1 EST",
     false},
    {"Every 18 months on the 10th thru 15th of the month for 10 occurrences",
     "RRULE:FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", "1997-09-10T09:00:00-04:00",
     "1997-09 10-15 EDT;1999-03 10-13 EST", false},
    {"Every Tuesday, every other month", "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", "1997-09-02T09:00:00-04:00",
     "1997-09 2,9,16,23,30 EDT;1997-11 4,11,18,25 EST;1998-01 6,13,20,27 EST;1998-03 3,10,17,24,31 EST", true},
    {"Yearly in June and July for 10 occurrences", "RRULE:FREQ=YEARLY;COUNT=10;BYMONTH=6,7", "1997-06-10T09:00:00-04:00",
     "1997-06 10 EDT;1997-07 10 EDT;1998-06 10 EDT;1998-07 10 EDT;1999-06 10 EDT;1999-07 10 EDT;2000-06 10 EDT;"
     "2000-07 10 EDT;2001-06 10 EDT;2001-07 10 EDT",
     false},
    {"Every other year on January, February, and March for 10 occurrences",
     "RRULE:FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", "1997-03-10T09:00:00-05:00",
     "1997-03 10 EST;1999-01 10 EST;1999-02 10 EST;1999-03 10 EST;2001-01 10 EST;2001-02 10 EST;2001-03 10 EST;"
     "2003-01 10 EST;2003-02 10 EST;2003-03 10 EST",
     false},
    {"Every third year on the 1st, 100th, and 200th day for 10 occurrences",
     "RRULE:FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", "1997-01-01T09:00:00-05:00",
     "1997-01 1 EST;1997-04 10 EDT;1997-07 19 EDT;2000-01 1 EST;2000-04 9 EDT;2000-07 18 EDT;2003-01 1 EST;"
     "2003-04 10 EDT;2003-07 19 EDT;2006-01 1 EST",
     false},
    {"Every 20th Monday of the year, forever", "RRULE:FREQ=YEARLY;BYDAY=20MO", "1997-05-19T09:00:00-04:00",
     "1997-05 19 EDT;1998-05 18 EDT;1999-05 17 EDT", true},
    {"Monday of week number 20, forever", "RRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "1997-05-12T09:00:00-04:00",
     "1997-05 12 EDT;1998-05 11 EDT;1999-05 17 EDT", true},
    {"Every Thursday in March, forever", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=TH", "1997-03-13T09:00:00-05:00",
     "1997-03 13,20,27 EST;1998-03 5,12,19,26 EST;1999-03 4,11,18,25 EST", true},
    {"Every Thursday, but only during June, July, and August, forever", "RRULE:FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8",
     "1997-06-05T09:00:00-04:00",
     "1997-06 5,12,19,26 EDT;1997-07 3,10,17,24,31 EDT;1997-08 7,14,21,28 EDT;1998-06 4,11,18,25 EDT;"
     "1998-07 2,9,16,23,30 EDT;1998-08 6,13,20,27 EDT;1999-06 3,10,17,24 EDT;1999-07 1,8,15,22,29 EDT;"
     "1999-08 5,12,19,26 EDT",
     true},
    {"Every Friday the 13th, forever (DTSTART excluded)",
     "RRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13\nEXDATE;TZID=America/New_York:19970902T090000", "1997-09-02T09:00:00-04:00",
     "1998-02 13 EST;1998-03 13 EST;1998-11 13 EST;1999-08 13 EDT;2000-10 13 EDT", true},
    {"The first Saturday that follows the first Sunday of the month, forever",
     "RRULE:FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", "1997-09-13T09:00:00-04:00",
     "1997-09 13 EDT;1997-10 11 EDT;1997-11 8 EST;1997-12 13 EST;1998-01 10 EST;1998-02 7 EST;1998-03 7 EST;"
     "1998-04 11 EDT;1998-05 9 EDT;1998-06 13 EDT",
     true},
    {"Every 4 years, the first Tuesday after a Monday in November, forever",
     "RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "1996-11-05T09:00:00-05:00",
     "1996-11 5 EST;2000-11 7 EST;2004-11 2 EST", true},
    {"The third instance into the month of one of Tuesday, Wednesday, or Thursday, for the next 3 months",
     "RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", "1997-09-04T09:00:00-04:00",
     "1997-09 4 EDT;1997-10 7 EDT;1997-11 6 EST", false},
    {"The second-to-last weekday of the month", "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
     "1997-09-29T09:00:00-04:00",
     "1997-09 29 EDT;1997-10 30 EST;1997-11 27 EST;1997-12 30 EST;1998-01 29 EST;1998-02 26 EST;1998-03 30 EST",
     true},
    // The RFC prints 09:00,12:00,15:00, but UNTIL=19970902T170000Z is 13:00 EDT, so 15:00 is
    // after UNTIL, which RFC 5545 3.3.10 makes inclusive bound ("the last instance"). The
    // printed list contradicts the rule it illustrates; recur follows the rule.
    {"Every 3 hours from 9:00 AM to 5:00 PM on a specific day (RFC list has an erratum)",
     "RRULE:FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z", "1997-09-02T09:00:00-04:00", "1997-09 2@09:00,12:00 EDT", false},
    {"Every 15 minutes for 6 occurrences", "RRULE:FREQ=MINUTELY;INTERVAL=15;COUNT=6", "1997-09-02T09:00:00-04:00",
     "1997-09 2@09:00,09:15,09:30,09:45,10:00,10:15 EDT", false},
    {"Every hour and a half for 4 occurrences", "RRULE:FREQ=MINUTELY;INTERVAL=90;COUNT=4", "1997-09-02T09:00:00-04:00",
     "1997-09 2@09:00,10:30,12:00,13:30 EDT", false},
    {"Every 20 minutes from 9:00 AM to 4:40 PM every day (DAILY)",
     "RRULE:FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", "1997-09-02T09:00:00-04:00",
     "1997-09 2-3@09:00,09:20,09:40,10:00,10:20,10:40,11:00,11:20,11:40,12:00,12:20,12:40,13:00,13:20,13:40,"
     "14:00,14:20,14:40,15:00,15:20,15:40,16:00,16:20,16:40 EDT",
     true},
    {"Every 20 minutes from 9:00 AM to 4:40 PM every day (MINUTELY)",
     "RRULE:FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16", "1997-09-02T09:00:00-04:00",
     "1997-09 2-3@09:00,09:20,09:40,10:00,10:20,10:40,11:00,11:20,11:40,12:00,12:20,12:40,13:00,13:20,13:40,"
     "14:00,14:20,14:40,15:00,15:20,15:40,16:00,16:20,16:40 EDT",
     true},
    {"WKST=MO", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", "1997-08-05T09:00:00-04:00",
     "1997-08 5,10,19,24 EDT", false},
    {"WKST=SU", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", "1997-08-05T09:00:00-04:00",
     "1997-08 5,17,19,31 EDT", false},
    {"An invalid date (February 30) is ignored", "RRULE:FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", "2007-01-15T09:00:00-05:00",
     "2007-01 15,30 EST;2007-02 15 EST;2007-03 15,30 EDT", false},
};

}  // namespace

TEST_CASE("RFC 5545 3.8.5.3: every example, with the RFC's dates", "[expand][rfc]") {
  for (const rfc_example& ex : examples) {
    INFO(ex.title << ": " << ex.rule);
    const std::string start = ex.dtstart;
    const std::vector<std::int64_t> expected = expected_instants(ex.expected, start.substr(11, 5));
    const series s = test::make_test_series(ex.rule, start, std::string("America/New_York"));
    const auto actual = test::first_n(s, ex.prefix ? expected.size() : expected.size() + 10);
    CHECK(actual == expected);
  }
}
