#include <catch2/catch.hpp>

#include "recur/iso8601.hpp"

using namespace recur;

TEST_CASE("iso8601: the forms the calendar API sends", "[iso8601]") {
  // 2024-10-25T02:00:00Z = 1729821600000 ms (the API documentation's instance id example).
  CHECK(parse_iso8601("2024-10-25T02:00:00Z").value().as_written() == from_unix_ms(1729821600000));
  CHECK(parse_iso8601("2024-10-24T22:00:00-04:00").value().as_written() == from_unix_ms(1729821600000));
  CHECK(parse_iso8601("2024-10-25T07:30:00+0530").value().as_written() == from_unix_ms(1729821600000));
  CHECK(parse_iso8601("2024-10-25T04:00:00+02").value().as_written() == from_unix_ms(1729821600000));
  CHECK(parse_iso8601("2024-10-25T02:00:00.250Z").value().as_written() == from_unix_ms(1729821600250));
  CHECK(parse_iso8601("2024-10-25T02:00:00.123456789Z").value().as_written() == from_unix_ms(1729821600123));
  CHECK(parse_iso8601("2024-10-25T02:00Z").value().as_written() == from_unix_ms(1729821600000));
  CHECK(parse_iso8601("1969-12-31T23:59:59Z").value().as_written() == from_unix_ms(-1000));
  const auto no_offset = parse_iso8601("2024-10-25 02:00:00");
  REQUIRE(no_offset.ok());
  CHECK_FALSE(no_offset.value().offset.has_value());
  CHECK_FALSE(no_offset.value().as_written().has_value());
  CHECK(no_offset.value().local.value == 1729821600);
}

TEST_CASE("iso8601: malformed and impossible values are rejected with the reason", "[iso8601]") {
  const auto check = [](const char* text, const char* reason) {
    const auto r = parse_iso8601(text);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == error_code::bad_time);
    CHECK_THAT(r.err().message, Catch::Contains(reason));
  };
  check("2024-02-30T10:00:00Z", "no such date");
  check("2024-13-01T10:00:00Z", "no such date");
  check("2024-10-25T25:00:00Z", "no such time of day");
  check("2024-10-25", "no time after the date");
  check("20241025T020000Z", "not YYYY-MM-DD");
  check("2024-10-25T02:00:00+25:00", "UTC offset is out of range");
  check("2024-10-25T02:00:00Zjunk", "unexpected text");
  check("", "not YYYY-MM-DD");
  check("0000-01-01T00:00:00Z", "no such date");
}

TEST_CASE("iso8601: formatting writes the offset and milliseconds only when present", "[iso8601]") {
  CHECK(format_iso8601(from_unix_ms(1729821600000), seconds(-4 * 3600)) == "2024-10-24T22:00:00-04:00");
  CHECK(format_iso8601(from_unix_ms(1729821600250), seconds(0)) == "2024-10-25T02:00:00.250+00:00");
  CHECK(format_iso8601(from_unix_ms(1729821600000), seconds(5 * 3600 + 1800)) == "2024-10-25T07:30:00+05:30");
  CHECK(format_iso8601(from_unix_ms(-1), seconds(0)) == "1969-12-31T23:59:59.999+00:00");
}
