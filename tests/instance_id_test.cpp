#include <catch2/catch.hpp>

#include "recur/instance_id.hpp"

using namespace recur;

TEST_CASE("instance_id: format and parse the API's example", "[instance_id]") {
  // From the API documentation: 2024-10-25T02:00:00Z, 30 minutes.
  CHECK(format_instance_id("ocQHyuzHvysMo5N5VsXc", from_unix_ms(1729821600000), seconds{1800}) == "ocQHyuzHvysMo5N5VsXc_1729821600000_1800");
  const auto id = parse_instance_id("ocQHyuzHvysMo5N5VsXc_1729821600000_1800");
  REQUIRE(id.ok());
  CHECK(id.value() == instance_id{"ocQHyuzHvysMo5N5VsXc", from_unix_ms(1729821600000), seconds{1800}});
}

TEST_CASE("instance_id: parsing splits from the right", "[instance_id]") {
  const auto id = parse_instance_id("my_master_id_1729821600000_0");
  REQUIRE(id.ok());
  CHECK(id.value().master == "my_master_id");
  CHECK(unix_ms(id.value().start) == 1729821600000);
  CHECK(id.value().duration == seconds{0});
  const auto before_1970 = parse_instance_id("m_-86400000_60");
  REQUIRE(before_1970.ok());
  CHECK(unix_ms(before_1970->start) == -86400000);
}

TEST_CASE("instance_id: malformed ids get a precise error", "[instance_id]") {
  const auto check = [](const std::string& text, const char* reason) {
    const auto r = parse_instance_id(text);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == error_code::bad_instance_id);
    CHECK_THAT(r.err().message, Catch::Contains(reason));
  };
  check("plainid", "has no '_' separators");
  check("abc_123", "has only one '_' separator");
  check("_1729821600000_1800", "has an empty master id");
  check("m_17298x1600000_1800", "not an integer of milliseconds");
  check("m_1729821600000_", "not a whole number of seconds");
  check("m_1729821600000_-5", "negative duration");
  check("m_1729821600000_1.5", "not a whole number of seconds");
  check("m_" + std::string(30, '9') + "_1800", "out of range");
  check("m__1800", "not an integer of milliseconds");
}

TEST_CASE("instance_id: the buffer form refuses a short buffer and round-trips extremes", "[instance_id]") {
  char buf[64];
  CHECK(format_instance_id(buf, 5, "master", from_unix_ms(1), seconds{2}) == 0);
  const std::size_t n = format_instance_id(buf, sizeof buf, "m", from_unix_ms(INT64_MIN), seconds{INT64_MAX});
  REQUIRE(n > 0);
  const auto parsed = parse_instance_id(std::string(buf, n));
  REQUIRE(parsed.ok());
  CHECK(unix_ms(parsed->start) == INT64_MIN);
  CHECK(parsed->duration.count() == INT64_MAX);
}
