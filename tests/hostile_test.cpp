// Hostile and extreme inputs (issue: reliability): each gets a clear error naming the problem,
// or the right answer, with bounded work (the iterator's period counter), never a crash or a
// hang. The cases are a table; families of similar cases are generated into it.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "recur/api/event_json.hpp"
#include "recur/instance_id.hpp"
#include "recur/validate.hpp"
#include "support/series_helper.hpp"

using namespace recur;
using namespace recur::test;

namespace {

struct text_case {
  std::string name;
  std::string text;
  error_code code;
  std::string message_part;  // a piece of the expected message
};

std::vector<text_case> rejected_texts() {
  std::vector<text_case> t = {
      {"COUNT with 20 digits", "FREQ=DAILY;COUNT=99999999999999999999", error_code::out_of_range, "COUNT value"},
      {"INTERVAL beyond 2^31", "FREQ=DAILY;INTERVAL=99999999999", error_code::out_of_range, "INTERVAL value"},
      {"BYSETPOS with 20 digits", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=99999999999999999999", error_code::out_of_range,
       "BYSETPOS"},
      {"UNTIL with a 20-digit year", "FREQ=DAILY;UNTIL=99999999999999999999T000000Z", error_code::bad_value, "UNTIL"},
      {"UNTIL in year 0000", "FREQ=DAILY;UNTIL=00000101T000000Z", error_code::bad_value, "no such date"},
      {"UNTIL on Feb 30", "FREQ=DAILY;UNTIL=20210230", error_code::bad_value, "no such date"},
      {"UNTIL at 24:00", "FREQ=DAILY;UNTIL=20210101T240000Z", error_code::bad_value, "no such time"},
      {"a NUL byte in a value", std::string("FREQ=DAILY;COUNT=1\0", 19) + "2", error_code::bad_value, "\\x00"},
      {"a NUL byte in a name", std::string("FREQ=DAILY;CO\0UNT=2", 19), error_code::unknown_part, "\\x00"},
      {"invalid UTF-8", "FREQ=DAILY;BYDAY=\xC3\x28", error_code::bad_value, "\\xC3"},
      {"fullwidth letters", "FREQ=\xEF\xBC\xA4\xEF\xBC\xA1ILY", error_code::bad_value, "FREQ value"},
      {"only separators", std::string(10000, ';'), error_code::syntax, "unexpected text"},
      {"deeply repeated part", "FREQ=DAILY" + [] {
         std::string s;
         for (int i = 0; i < 10000; ++i) s += ";BYHOUR=1";
         return s;
       }(),
       error_code::duplicate_part, "BYHOUR is given twice"},
      {"5,000-item list", "FREQ=DAILY;BYHOUR=" + [] {
         std::string s = "1";
         for (int i = 0; i < 5000; ++i) s += ",1";
         return s;
       }(),
       error_code::limit_exceeded, "max_list_items"},
      {"10 MB of text", "FREQ=DAILY;X-PAD=" + std::string(10u << 20, 'a'), error_code::limit_exceeded, "max_text_bytes"},
      {"a TZID that climbs out of the zone directory", "FREQ=DAILY EXDATE;TZID=../../../etc/passwd:20260101T000000",
       error_code::unknown_zone, "not a path"},
      {"an empty TZID", "FREQ=DAILY EXDATE;TZID=:20260101T000000", error_code::bad_value, "empty TZID"},
      {"BYDAY with a zero ordinal", "FREQ=MONTHLY;BYDAY=+0MO", error_code::out_of_range, "ordinal"},
      {"BYDAY with two signs", "FREQ=MONTHLY;BYDAY=--1MO", error_code::bad_value, "BYDAY item"},
      {"BYDAY with no weekday", "FREQ=MONTHLY;BYDAY=1", error_code::bad_value, "BYDAY item"},
      {"BYMONTHDAY 00", "FREQ=MONTHLY;BYMONTHDAY=00", error_code::out_of_range, "BYMONTHDAY value 0"},
      {"a plus sign on BYMONTH", "FREQ=YEARLY;BYMONTH=+1", error_code::bad_value, "BYMONTH value '+1'"},
      {"a plus sign on COUNT", "FREQ=DAILY;COUNT=+1", error_code::bad_value, "COUNT value '+1'"},
      {"an exponent", "FREQ=DAILY;INTERVAL=1e3", error_code::bad_value, "INTERVAL value '1e3'"},
      {"hex", "FREQ=DAILY;COUNT=0x10", error_code::bad_value, "COUNT value '0x10'"},
      {"spaces inside a value", "FREQ=DAILY;COUNT= 5", error_code::bad_value, "COUNT has an empty value"},
      {"empty EXDATE list items", "FREQ=DAILY EXDATE:" + std::string(1000, ','), error_code::bad_value,
       "EXDATE has an empty value"},
      {"EXDATE with ISO dashes", "FREQ=DAILY EXDATE:2026-03-01T09:00:00Z", error_code::bad_value, "EXDATE value"},
      {"RDATE with words", "FREQ=DAILY RDATE:tomorrow", error_code::bad_value, "RDATE value"},
      {"lowercase garbage", "hello world", error_code::syntax, "unexpected text"},
      {"a lone RRULE:", "RRULE:", error_code::empty_input, ""},
      {"RRULE with no colon", "RRULE FREQ=DAILY", error_code::syntax, ""},
  };
  // Every numeric part just outside its range, at both ends.
  const struct {
    const char* part;
    int below, above;
  } ranges[] = {{"BYSECOND", -1, 61},   {"BYMINUTE", -1, 60},    {"BYHOUR", -1, 24},
                {"BYMONTHDAY", -32, 32}, {"BYYEARDAY", -367, 367}, {"BYWEEKNO", -54, 54},
                {"BYMONTH", 0, 13},      {"BYSETPOS", -367, 367}, {"INTERVAL", 0, -1}};
  for (const auto& r : ranges)
    for (int v : {r.below, r.above}) {
      const std::string freq = std::string(r.part) == "BYWEEKNO" ? "YEARLY" : "MONTHLY";
      const std::string extra = std::string(r.part) == "BYSETPOS" ? ";BYDAY=MO" : "";
      t.push_back({std::string(r.part) + "=" + std::to_string(v), "FREQ=" + freq + extra + ";" + r.part + "=" +
                                                                       std::to_string(v),
                   error_code::out_of_range, r.part});
    }
  // Every rule part with an empty value.
  for (const char* part : {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY",
                           "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"})
    t.push_back({std::string(part) + " empty", std::string(part) == "FREQ" ? "FREQ=" : std::string("FREQ=YEARLY;") + part + "=",
                 error_code::bad_value, part});
  return t;
}

struct answer_case {
  std::string name, rule, start;
  std::optional<std::string> zone;
  std::int64_t from_ms, to_ms;
  std::size_t expected_count;
};

constexpr std::int64_t year1 = -62135596800000;   // 0001-01-01T00:00Z
constexpr std::int64_t year9999 = 253402300799000;  // 9999-12-31T23:59:59Z

std::vector<answer_case> answered() {
  std::vector<answer_case> t = {
      {"DTSTART in year 0001", "FREQ=DAILY;COUNT=3", "0001-01-01T00:00:00Z", std::nullopt, year1, year9999, 3},
      {"DTSTART at the end of 9999", "FREQ=HOURLY", "9999-12-31T22:00:00Z", std::nullopt, year1, year9999, 2},
      {"UNTIL before DTSTART", "FREQ=DAILY;UNTIL=20200101T000000Z", "2026-01-01T09:00:00Z", std::nullopt, year1, year9999, 1},
      {"a 10,000-year window, yearly", "FREQ=YEARLY", "0001-06-01T00:00:00Z", std::nullopt, year1, year9999, 9999},
      {"a 10,000-year window, never matching", "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31", "0001-06-01T00:00:00Z",
       std::string("Europe/Berlin"), year1, year9999, 1},
      {"BYSETPOS beyond the set", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=10", "2026-01-05T09:00:00Z", std::nullopt, year1,
       year9999, 1},
      {"week 53 only with June", "FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6;BYDAY=MO", "2026-01-05T09:00:00Z", std::nullopt,
       year1, year9999, 1},
      {"day 366 of January", "FREQ=YEARLY;BYYEARDAY=366;BYMONTH=1", "2026-01-05T09:00:00Z", std::nullopt, year1, year9999, 1},
      {"sub-daily, impossible time of day", "FREQ=SECONDLY;INTERVAL=2;BYSECOND=1", "2026-01-01T00:00:00Z", std::nullopt,
       year1, year9999, 1},
      {"sub-daily, impossible day", "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30", "2026-01-01T00:00:00Z", std::nullopt, year1,
       year9999, 1},
      {"weekly interval coupled with a weekday that never comes", "FREQ=HOURLY;INTERVAL=168;BYDAY=TU",
       "2026-01-05T00:00:00Z", std::nullopt, year1, year9999, 1},
      {"a window far after a finished series", "FREQ=DAILY;COUNT=5", "2026-01-01T00:00:00Z", std::nullopt,
       year9999 - 86400000, year9999, 0},
      {"a window in year 9999 of an endless series", "FREQ=DAILY", "2026-01-01T00:00:00Z", std::string("America/New_York"),
       year9999 - 10 * 86400000LL, year9999, 10},
      {"every second for a day", "FREQ=SECONDLY", "2026-01-01T00:00:00Z", std::nullopt, 1767225600000,
       1767225600000 + 86399000, 86400},
      {"EXDATE equal to DTSTART", "FREQ=DAILY;COUNT=2 EXDATE:20260101T000000Z", "2026-01-01T00:00:00Z", std::nullopt,
       year1, year9999, 1},
      {"a huge INTERVAL", "FREQ=SECONDLY;INTERVAL=2147483647", "0001-01-01T00:00:00Z", std::nullopt, year1, year9999, 147},
      {"COUNT near the int64 limit", "FREQ=YEARLY;COUNT=9223372036854775807", "9990-01-01T00:00:00Z", std::nullopt, year1,
       year9999, 10},
  };
  // Rules that can never match, for every frequency, over the whole calendar.
  for (const char* freq : {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "MONTHLY", "YEARLY"})
    for (const char* impossible : {"BYMONTH=2;BYMONTHDAY=30", "BYMONTH=11;BYMONTHDAY=31", "BYMONTH=4,6,9,11;BYMONTHDAY=-31"})
      t.push_back({std::string(freq) + " " + impossible, std::string("FREQ=") + freq + ";" + impossible,
                   "2026-01-01T00:00:00Z", std::string("America/New_York"), year1, year9999, 1});
  // WEEKLY may not use BYMONTHDAY: a week holds one Monday, so a second one never comes.
  t.push_back({"WEEKLY BYSETPOS=2 of one Monday", "FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2", "2026-01-01T00:00:00Z",
               std::string("America/New_York"), year1, year9999, 1});
  return t;
}

}  // namespace

TEST_CASE("hostile: malformed and oversized recurrence text is rejected with the reason", "[hostile]") {
  const auto cases = rejected_texts();
  for (const text_case& c : cases) {
    INFO(c.name);
    const auto r = parse_recurrence(c.text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == c.code);
    CHECK_THAT(r.err().message, Catch::Contains(c.message_part));
    CHECK(r.err().message.size() < 400);  // one readable line, never the whole input
    CHECK(r.err().message.find('\n') == std::string::npos);
  }
  // A million EXDATEs: over the text limit; with the text limit raised, over the date limit.
  std::string million = "FREQ=DAILY EXDATE:20260101T000000Z";
  for (int i = 1; i < 1000000; ++i) million += ",20260101T000000Z";
  CHECK(parse_recurrence(million).err().code == error_code::limit_exceeded);
  parse_options raised;
  raised.limits.max_text_bytes = std::size_t{64} << 20;
  const auto dates = parse_recurrence(million, raised);
  CHECK(dates.err().code == error_code::limit_exceeded);
  CHECK_THAT(dates.err().message, Catch::Contains("1000000 EXDATE/RDATE values"));
  raised.limits.max_dates = 2000000;
  CHECK(parse_recurrence(million, raised).ok());  // the limit is the embedding program's to set
}

TEST_CASE("hostile: extreme series get the right answer with bounded work", "[hostile][bounded]") {
  const auto cases = answered();
  for (const answer_case& c : cases) {
    INFO(c.name << ": " << c.rule);
    const series s = test::make_test_series(c.rule, c.start, c.zone);
    ms_cursor it(s, c.from_ms);
    it.stop_after(c.to_ms);
    std::size_t n = 0;
    for (std::int64_t t = 0; it.next(t) && t <= c.to_ms;)
      if (t >= c.from_ms) ++n;
    CHECK(n == c.expected_count);
    CHECK(it.work() <= 300000);  // periods examined: bounded whatever the rule
  }
  CHECK(rejected_texts().size() + answered().size() >= 100);
}

TEST_CASE("hostile: instance ids", "[hostile]") {
  const series s = test::make_test_series("FREQ=DAILY;COUNT=3", "2026-01-01T09:00:00Z", std::nullopt, 60);
  const std::vector<std::string> ids = {
      "m_" + std::string(10000, '9') + "_60",
      "m_1767258000000_" + std::string(10000, '9'),
      "m_-" + std::string(30, '9') + "_60",
      std::string("m_17672580\0" "00000_60", 19),
      "m_1767258000000_60\n",
      "m_\xD9\xA1\xD9\xA2_60",  // Arabic-Indic digits
      std::string(5000, '_'),
      "",
      "_",
      "m_9223372036854775807_9223372036854775807",
  };
  for (const std::string& id : ids) {
    INFO(test::make_test_series("FREQ=DAILY;COUNT=1", "2026-01-01T09:00:00Z", std::nullopt).definition().rule.count.value());
    const validation v = validate(s, "m", id);
    CHECK_FALSE(v.valid());
    CHECK_FALSE(v.message.empty());
    CHECK(v.message.size() < 400);
  }
}

TEST_CASE("hostile: event JSON with wrong types, huge arrays, deep nesting", "[hostile]") {
  // Every field of the wrong type: the event is kept, id and times are problems, the rest warnings.
  const auto wrong = api::decode_events(R"({"events": [{"id": [], "startTime": {}, "endTime": 1e300, "title": [],
    "calendarId": 1, "locationId": true, "assignedUserId": {}, "users": [1, null, {}], "assignedResources": "r",
    "isRecurring": 7, "rrule": 5, "masterEventId": [], "appointmentStatus": 3, "notes": false, "address": 0.5,
    "dateAdded": [], "dateUpdated": {}, "createdBy": "x"}]})");
  REQUIRE(wrong.ok());
  REQUIRE(wrong.value().events.size() == 1);
  CHECK(wrong.value().events[0].problems.size() == 3);
  CHECK(wrong.value().warnings.size() >= 10);
  const auto overflow = api::decode_events(R"({"events": [{"id": "x", "startTime": 1e400}]})");
  REQUIRE_FALSE(overflow.ok());
  CHECK_THAT(overflow.err().message, Catch::StartsWith("the response is not valid JSON: number overflow"));
  const auto wrong_finite = api::decode_events(R"({"events": [{"id": [], "startTime": {}, "endTime": -1e300,
    "title": [], "calendarId": 1, "users": [1], "isRecurring": 7, "rrule": 5}]})");
  REQUIRE(wrong_finite.ok());
  CHECK(wrong_finite.value().events[0].problems.size() == 3);

  std::string big = R"({"events": [)";
  for (int i = 0; i < 100000; ++i)
    big += std::string(i ? "," : "") + R"({"id":"e)" + std::to_string(i) +
           R"(","startTime":"2026-01-01T00:00:00Z","endTime":"2026-01-01T01:00:00Z"})";
  big += "]}";
  const auto many = api::decode_events(big);
  REQUIRE(many.ok());
  CHECK(many.value().events.size() == 100000);

  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const auto nested = api::decode_events(deep);
  REQUIRE_FALSE(nested.ok());
  CHECK(nested.err().message == "the response nests arrays or objects deeper than 256 levels");
  const auto numbers = api::decode_events(R"({"events": [{"id": "x", "startTime": 99999999999999999999999,
    "endTime": -9223372036854775808}]})");
  REQUIRE(numbers.ok());
  CHECK(numbers.value().events[0].problems.size() == 2);
}
