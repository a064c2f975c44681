// RRULE grammar (RFC 5545 3.3.10): accepted forms, exact error messages, canonical round trip.
#include <catch2/catch.hpp>

#include <random>

#include "recur/rrule.hpp"

using namespace recur;

namespace {
rrule parse_ok(const char* text, parse_options options = {}) {
  auto r = parse_rrule(text, options);
  INFO(text);
  if (!r.ok()) FAIL(r.err().message);
  return r.value().rule;
}

void check_error(const char* text, error_code code, const std::string& message) {
  auto r = parse_rrule(text);
  INFO(text);
  REQUIRE_FALSE(r.ok());
  CHECK(r.err().code == code);
  CHECK(r.err().message == message);
}
}  // namespace

TEST_CASE("rrule: parts in any order, any case, with or without RRULE:, one trailing semicolon", "[rrule][parse]") {
  const rrule a = parse_ok("RRULE:FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH");
  const rrule b = parse_ok("rrule:byday=tu,th;wkst=su;count=10;freq=weekly;");
  CHECK(a == b);
  CHECK(a.freq == frequency::weekly);
  CHECK(a.count == 10u);
  CHECK(a.week_start == weekday::su);
  REQUIRE(a.by_day.size() == 2);
  CHECK(a.by_day[0] == weekday_item{weekday::tu, 0});
}

TEST_CASE("rrule: every part and its value forms", "[rrule][parse]") {
  const rrule r = parse_ok(
      "FREQ=YEARLY;INTERVAL=2;UNTIL=20301231T235959Z;BYSECOND=0,60;BYMINUTE=0,59;BYHOUR=0,23;"
      "BYDAY=+1MO,-53SU,FR;BYMONTHDAY=+5,-31;BYYEARDAY=1,-366;BYMONTH=1,12;BYSETPOS=1,-366;WKST=TH");
  CHECK(r.interval == 2u);
  REQUIRE(r.until.has_value());
  CHECK(r.until->form == until_value::kind::utc);
  CHECK(r.by_second == std::vector<int>{0, 60});
  CHECK(r.by_day[0] == weekday_item{weekday::mo, 1});
  CHECK(r.by_day[1] == weekday_item{weekday::su, -53});
  CHECK(r.by_month_day == std::vector<int>{5, -31});
  CHECK(r.by_year_day == std::vector<int>{1, -366});
  CHECK(r.by_set_pos == std::vector<int>{1, -366});
  CHECK(r.week_start == weekday::th);
  const rrule weekno = parse_ok("FREQ=YEARLY;BYWEEKNO=1,-53;BYDAY=MO");
  CHECK(weekno.by_week_no == std::vector<int>{1, -53});
  CHECK(parse_ok("FREQ=DAILY;UNTIL=20301231").until->form == until_value::kind::date);
  CHECK(parse_ok("FREQ=DAILY;UNTIL=20301231T120000").until->form == until_value::kind::floating);
  CHECK(parse_ok("FREQ=DAILY;X-GOOGLE-THING=abc").extensions == std::vector<std::string>{"X-GOOGLE-THING=abc"});
}

TEST_CASE("rrule: errors name the part and the allowed range", "[rrule][parse][errors]") {
  check_error("", error_code::empty_input, "the rule is empty (expected FREQ=...;...)");
  check_error("RRULE:", error_code::empty_input, "the rule is empty (expected FREQ=...;...)");
  check_error("COUNT=3", error_code::missing_part, "the rule has no FREQ part in 'COUNT=3'");
  check_error("FREQ=FORTNIGHTLY", error_code::bad_value,
              "FREQ value 'FORTNIGHTLY' is not one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY");
  check_error("FREQ=;COUNT=3", error_code::bad_value, "FREQ has an empty value");
  check_error("FREQ=DAILY;FREQ=WEEKLY", error_code::duplicate_part, "FREQ is given twice");
  check_error("FREQ=WEEKLY;UNTIL=20210701T000000Z;COUNT=2", error_code::conflict,
              "COUNT and UNTIL must not both be given (RFC 5545 3.3.10)");
  check_error("FREQ=DAILY;BYHOUR=24", error_code::out_of_range, "BYHOUR value 24 is out of range (0..23)");
  check_error("FREQ=HOURLY;BYMINUTE=-5", error_code::out_of_range, "BYMINUTE value -5 is out of range (0..59)");
  check_error("FREQ=MINUTELY;BYSECOND=61", error_code::out_of_range, "BYSECOND value 61 is out of range (0..60)");
  check_error("FREQ=MONTHLY;BYMONTHDAY=0", error_code::out_of_range,
              "BYMONTHDAY value 0 is out of range (1..31 or -31..-1)");
  check_error("FREQ=MONTHLY;BYMONTHDAY=32", error_code::out_of_range,
              "BYMONTHDAY value 32 is out of range (1..31 or -31..-1)");
  check_error("FREQ=YEARLY;BYYEARDAY=367", error_code::out_of_range,
              "BYYEARDAY value 367 is out of range (1..366 or -366..-1)");
  check_error("FREQ=YEARLY;BYWEEKNO=-54;BYDAY=MO", error_code::out_of_range,
              "BYWEEKNO value -54 is out of range (1..53 or -53..-1)");
  check_error("FREQ=YEARLY;BYMONTH=0", error_code::out_of_range, "BYMONTH value 0 is out of range (1..12)");
  check_error("FREQ=YEARLY;BYMONTH=JAN", error_code::bad_value, "BYMONTH value 'JAN' is not an integer (1..12)");
  check_error("FREQ=YEARLY;BYMONTH=1-5", error_code::bad_value, "BYMONTH value '1-5' is not an integer (1..12)");
  check_error("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-367", error_code::out_of_range,
              "BYSETPOS value -367 is out of range (1..366 or -366..-1)");
  check_error("FREQ=DAILY;INTERVAL=0", error_code::out_of_range,
              "INTERVAL value 0 is out of range (1..2147483647)");
  check_error("FREQ=DAILY;INTERVAL=two", error_code::bad_value,
              "INTERVAL value 'two' is not an integer (1..2147483647)");
  check_error("FREQ=DAILY;COUNT=0", error_code::out_of_range, "COUNT value 0 is out of range (1..9223372036854775807)");
  check_error("FREQ=DAILY;COUNT=99999999999999999999", error_code::out_of_range,
              "COUNT value '99999999999999999999' is out of range (1..9223372036854775807)");
  check_error("FREQ=DAILY;COUNT=1.5", error_code::bad_value,
              "COUNT value '1.5' is not an integer (1..9223372036854775807)");
  check_error("FREQ=DAILY;BYHOUR=9.5", error_code::bad_value, "BYHOUR value '9.5' is not an integer (0..23)");
  check_error("FREQ=WEEKLY;BYDAY=XX", error_code::bad_value,
              "BYDAY item 'XX' is not [+|-][n]XX with XX one of MO TU WE TH FR SA SU and n 1..53");
  check_error("FREQ=WEEKLY;BYDAY=Monday", error_code::bad_value,
              "BYDAY item 'Monday' is not [+|-][n]XX with XX one of MO TU WE TH FR SA SU and n 1..53");
  check_error("FREQ=MONTHLY;BYDAY=0MO", error_code::out_of_range,
              "BYDAY ordinal 0 in '0MO' is out of range (1..53 or -53..-1)");
  check_error("FREQ=MONTHLY;BYDAY=54MO", error_code::out_of_range,
              "BYDAY ordinal 54 in '54MO' is out of range (1..53 or -53..-1)");
  check_error("FREQ=WEEKLY;BYDAY=", error_code::bad_value, "BYDAY has an empty value");
  check_error("FREQ=YEARLY;BYMONTH=1,,2", error_code::bad_value, "BYMONTH has an empty list item in '1,,2'");
  check_error("FREQ=WEEKLY;WKST=XX", error_code::bad_value, "WKST value 'XX' is not one of MO TU WE TH FR SA SU");
  check_error("FREQ=DAILY;UNTIL=20211323T000000Z", error_code::bad_value,
              "UNTIL no such date '20211323T000000Z'");
  check_error("FREQ=DAILY;UNTIL=2021-06-01", error_code::bad_value,
              "UNTIL expected YYYYMMDD or YYYYMMDDTHHMMSS[Z], got '2021-06-01'");
  check_error("FREQ=DAILY;UNTIL=20210230T000000Z", error_code::bad_value, "UNTIL no such date '20210230T000000Z'");
  check_error("FREQ=DAILY;UNTIL=20210201T250000Z", error_code::bad_value,
              "UNTIL no such time of day '20210201T250000Z'");
  check_error("FREQ=DAILY;UNTIL=", error_code::bad_value, "UNTIL has an empty value");
  check_error("FREQ=DAILY;FOO=1", error_code::unknown_part,
              "unknown rule part 'FOO' (RFC 5545 3.3.10 parts, or X- extensions)");
  check_error("FREQ=DAILY;;COUNT=2", error_code::syntax,
              "empty rule part (';' with nothing before it) in 'FREQ=DAILY;;COUNT=2'");
  check_error("FREQ=DAILY;COUNT", error_code::syntax, "rule part 'COUNT' is not NAME=VALUE");
  check_error("garbage", error_code::syntax, "rule part 'garbage' is not NAME=VALUE");
  check_error(std::string("FREQ=DAILY;BYHOUR=\x01\xff").c_str(), error_code::bad_value,
              "BYHOUR value '\\x01\\xFF' is not an integer (0..23)");
}

TEST_CASE("rrule: parts RFC 5545 forbids for a FREQ: rejected, or ignored with a warning when lenient",
          "[rrule][parse][lenient]") {
  struct forbidden {
    const char* text;
    const char* message;
  };
  const forbidden cases[] = {
      {"FREQ=WEEKLY;BYDAY=1MO", "BYDAY ordinals such as 1 are not allowed with FREQ=WEEKLY"},
      {"FREQ=DAILY;BYDAY=-1FR", "BYDAY ordinals such as -1 are not allowed with FREQ=DAILY"},
      {"FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO", "BYDAY ordinals such as 1 are not allowed with FREQ=YEARLY and BYWEEKNO"},
      {"FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY is not allowed with FREQ=WEEKLY"},
      {"FREQ=MONTHLY;BYYEARDAY=100", "BYYEARDAY is not allowed with FREQ=MONTHLY"},
      {"FREQ=MONTHLY;BYWEEKNO=3", "BYWEEKNO is only allowed with FREQ=YEARLY, not FREQ=MONTHLY"},
      {"FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs another BYxxx rule part"},
  };
  for (const forbidden& c : cases) {
    INFO(c.text);
    const auto strict = parse_rrule(c.text);
    REQUIRE_FALSE(strict.ok());
    CHECK(strict.err().code == error_code::not_allowed);
    CHECK(strict.err().message == c.message);
    const auto lenient = parse_rrule(c.text, parse_options{true});
    REQUIRE(lenient.ok());
    REQUIRE(lenient.value().warnings.size() == 1);
    CHECK(lenient.value().warnings[0] == std::string(c.message) + "; ignored (lenient)");
  }
  // Lenient keeps the weekday and drops only the ordinal.
  const rrule r = parse_rrule("FREQ=WEEKLY;BYDAY=1MO,WE", parse_options{true}).value().rule;
  CHECK(r.by_day == std::vector<weekday_item>{{weekday::mo, 0}, {weekday::we, 0}});
}

TEST_CASE("rrule: canonical text", "[rrule][format]") {
  CHECK(to_string(parse_ok("rrule:byday=1mo;count=3;freq=monthly")) == "FREQ=MONTHLY;COUNT=3;BYDAY=1MO");
  CHECK(to_string(parse_ok("FREQ=WEEKLY;INTERVAL=1;WKST=MO;BYDAY=WE;UNTIL=20260101")) ==
        "FREQ=WEEKLY;UNTIL=20260101;BYDAY=WE;WKST=MO");
  CHECK(to_string(parse_ok("FREQ=DAILY;UNTIL=20210623T043000Z")) == "FREQ=DAILY;UNTIL=20210623T043000Z");
}

TEST_CASE("rrule: parse(to_string(rule)) == rule over generated rules", "[rrule][format][property]") {
  std::mt19937 rng(20261125);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* freqs[] = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
  const char* days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  for (int i = 0; i < 2000; ++i) {
    const int f = pick(0, 6);
    std::string text = std::string("FREQ=") + freqs[f];
    if (pick(0, 1)) text += ";INTERVAL=" + std::to_string(pick(1, 1000));
    if (pick(0, 2) == 0) text += ";COUNT=" + std::to_string(pick(1, 500));
    else if (pick(0, 1)) text += ";UNTIL=2030" + std::to_string(pick(10, 12)) + "01T000000Z";
    auto list = [&](const char* name, int lo, int hi, bool negative) {
      if (pick(0, 2)) return;
      text += std::string(";") + name + "=";
      for (int n = pick(1, 3), k = 0; k < n; ++k) {
        if (k) text += ",";
        text += std::to_string((negative && pick(0, 1) ? -1 : 1) * pick(lo, hi));
      }
    };
    list("BYSECOND", 0, 59, false);
    list("BYMINUTE", 0, 59, false);
    list("BYHOUR", 0, 23, false);
    list("BYMONTH", 1, 12, false);
    if (f == 6) list("BYYEARDAY", 1, 366, true);
    if (f == 6) list("BYWEEKNO", 1, 53, true);
    if (f >= 5 || f <= 3) list("BYMONTHDAY", 1, 31, true);
    if (pick(0, 1)) {
      text += ";BYDAY=";
      for (int n = pick(1, 3), k = 0; k < n; ++k) {
        if (k) text += ",";
        if (f >= 5 && text.find("BYWEEKNO") == std::string::npos && pick(0, 1))
          text += std::to_string((pick(0, 1) ? -1 : 1) * pick(1, 5));
        text += days[pick(0, 6)];
      }
      list("BYSETPOS", 1, 366, true);
    }
    if (pick(0, 1)) text += std::string(";WKST=") + days[pick(0, 6)];
    const auto first = parse_rrule(text);
    INFO(text);
    REQUIRE(first.ok());
    const std::string canonical = to_string(first.value().rule);
    const auto second = parse_rrule(canonical);
    INFO(canonical);
    REQUIRE(second.ok());
    CHECK(second.value().rule == first.value().rule);
    CHECK(to_string(second.value().rule) == canonical);
  }
}
