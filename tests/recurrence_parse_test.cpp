// The API's recurrence text: RRULE with EXDATE / RDATE lines in every form it uses.
#include <catch2/catch.hpp>

#include "recur/recurrence.hpp"

using namespace recur;

namespace {
recurrence parse_ok(const std::string& text) {
  auto r = parse_recurrence(text);
  INFO(text);
  if (!r.ok()) FAIL(r.err().message);
  return r.value().value;
}
}  // namespace

TEST_CASE("recurrence: the API's example with a duplicate EXDATE, newline or space separated", "[recurrence]") {
  const std::string rule = "RRULE:FREQ=DAILY;INTERVAL=1;UNTIL=20210623T043000Z";
  const std::string exdate = "EXDATE:20211105T040000Z,20211105T040000Z";
  for (const char* sep : {"\n", "\r\n", " ", "  \n "}) {
    const recurrence r = parse_ok(rule + sep + exdate);
    CHECK(r.rule.freq == frequency::daily);
    REQUIRE(r.exdates.size() == 2);
    CHECK(r.exdates[0].form == date_value::kind::utc);
    CHECK(r.exdates[0] == r.exdates[1]);
  }
}

TEST_CASE("recurrence: EXDATE and RDATE forms", "[recurrence]") {
  const recurrence r = parse_ok(
      "FREQ=WEEKLY;BYDAY=FR EXDATE;TZID=Europe/Berlin:20211105T090000 exdate:20211106T090000 "
      "EXDATE;VALUE=DATE:20211107 EXDATE;VALUE=DATE-TIME:20211108T090000Z RDATE:20211110T120000Z,20211111T120000Z "
      "RDATE;TZID=\"America/New_York\":20211112T080000");
  REQUIRE(r.exdates.size() == 4);
  CHECK(r.exdates[0].form == date_value::kind::zoned);
  CHECK(r.exdates[0].tzid == "Europe/Berlin");
  CHECK(r.exdates[1].form == date_value::kind::floating);
  CHECK(r.exdates[2].form == date_value::kind::date);
  CHECK(r.exdates[3].form == date_value::kind::utc);
  REQUIRE(r.rdates.size() == 3);
  CHECK(r.rdates[2].tzid == "America/New_York");
  // A list split after a comma is read as one line.
  CHECK(parse_ok("RRULE:FREQ=DAILY EXDATE:20211105T040000Z, 20211106T040000Z").exdates.size() == 2);
}

TEST_CASE("recurrence: rejected input names the bad piece", "[recurrence][errors]") {
  const auto check = [](const std::string& text, error_code code, const std::string& message) {
    const auto r = parse_recurrence(text);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == code);
    CHECK(r.err().message == message);
  };
  check("", error_code::empty_input, "the recurrence text is empty (expected RRULE:FREQ=...)");
  check("   \n ", error_code::empty_input, "the recurrence text is empty (expected RRULE:FREQ=...)");
  check("EXDATE:20211105T040000Z", error_code::missing_part, "the recurrence text has no RRULE");
  check("RRULE:FREQ=DAILY RRULE:FREQ=WEEKLY", error_code::unsupported,
        "more than one RRULE in the recurrence text (recur expands one)");
  check("RRULE:FREQ=DAILY EXRULE:FREQ=WEEKLY", error_code::unsupported,
        "EXRULE is not supported (RFC 5545 removed it; use EXDATE)");
  check("DTSTART:20210101T090000Z RRULE:FREQ=DAILY", error_code::unsupported,
        "DTSTART does not belong in the recurrence text: recur takes it from the event's startTime");
  check("RRULE:FREQ=DAILY hello", error_code::syntax,
        "unexpected text 'hello' (expected RRULE:, EXDATE: or RDATE: lines)");
  check("RRULE:FREQ=DAILY EXDATE:2021-11-05", error_code::bad_value,
        "EXDATE value: expected YYYYMMDD or YYYYMMDDTHHMMSS[Z], got '2021-11-05'");
  check("RRULE:FREQ=DAILY EXDATE:20211305T040000Z", error_code::bad_value,
        "EXDATE value: no such date '20211305T040000Z'");
  check("RRULE:FREQ=DAILY EXDATE:20210230T040000Z", error_code::bad_value,
        "EXDATE value: no such date '20210230T040000Z'");
  check("RRULE:FREQ=DAILY EXDATE:20210201T250000Z", error_code::bad_value,
        "EXDATE value: no such time of day '20210201T250000Z'");
  check("RRULE:FREQ=DAILY EXDATE:yesterday", error_code::bad_value,
        "EXDATE value: expected YYYYMMDD or YYYYMMDDTHHMMSS[Z], got 'yesterday'");
  check("RRULE:FREQ=DAILY EXDATE:20211105T040000Z,", error_code::bad_value, "EXDATE has an empty value");
  check("RRULE:FREQ=DAILY EXDATE;TZID=Mars/Olympus:20211105T090000", error_code::unknown_zone,
        "EXDATE TZID: unknown time zone 'Mars/Olympus' (not in the IANA tz database)");
  check("RRULE:FREQ=DAILY EXDATE;TZID=Europe/Berlin:20211105T090000Z", error_code::bad_value,
        "EXDATE value '20211105T090000Z' is UTC ('Z') but TZID=Europe/Berlin was also given");
  check("RRULE:FREQ=DAILY EXDATE;VALUE=DATE:20211105T090000", error_code::bad_value,
        "EXDATE value '20211105T090000' has a time but VALUE=DATE was given");
  check("RRULE:FREQ=DAILY RDATE;VALUE=PERIOD:19960403T020000Z/19960403T040000Z", error_code::unsupported,
        "RDATE;VALUE=PERIOD is not supported (occurrences share one duration)");
  check("RRULE:FREQ=DAILY EXDATE;FOO=1:20211105T040000Z", error_code::unknown_part,
        "EXDATE has an unknown parameter 'FOO' (TZID or VALUE)");
  check("RRULE:FREQ=DAILY EXDATE", error_code::syntax, "EXDATE line has no ':' before its values");
  check("RRULE:FREQ=DAILY;BYHOUR=24", error_code::out_of_range, "BYHOUR value 24 is out of range (0..23)");
}

TEST_CASE("recurrence: to_string round-trips", "[recurrence][format]") {
  const std::string text =
      "RRULE:FREQ=WEEKLY;COUNT=5;BYDAY=MO\nEXDATE:20260302T090000Z\nEXDATE;VALUE=DATE:20260309\n"
      "EXDATE;TZID=Asia/Kolkata:20260316T143000\nEXDATE:20260323T090000\nRDATE:20260401T090000Z";
  const recurrence r = parse_ok(text);
  CHECK(to_string(r) == text);
  CHECK(parse_ok(to_string(r)) == r);
}
