// The embedder's front door: result<T>, series, occurrences, contains, instance ids, and the
// one call from an API event to its ids. Expected values are worked out from the calendar
// (a day is 86,400,000 ms; 2026-03-01T09:00:00Z is 1,772,355,600,000 ms).
#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>
#include <type_traits>

#include "recur/api/error.hpp"
#include "recur/event_series.hpp"
#include "recur/validate.hpp"
#include "support/series_helper.hpp"

using namespace recur;
using namespace recur::test;

namespace {
constexpr std::int64_t mar1_9am = 1772355600000;  // 2026-03-01T09:00:00Z, a Sunday
constexpr std::int64_t day = 86400000;

series daily(const std::string& rule, milliseconds duration = std::chrono::minutes(30)) {
  return make_series(rule, from_unix_ms(mar1_9am), zone{}, duration).value();
}

event master_event(const std::string& id, const std::string& rule) {
  event e;
  e.id = id;
  e.recurrence = rule;
  e.start = from_unix_ms(mar1_9am);
  e.end = from_unix_ms(mar1_9am + 1800000);
  return e;
}
}  // namespace

// Seconds and milliseconds do not mix by accident: a bare number is not an instant, and a
// length in milliseconds does not silently become seconds.
static_assert(!std::is_convertible_v<std::int64_t, instant>);
static_assert(!std::is_constructible_v<window, std::int64_t, std::int64_t>);
static_assert(std::is_convertible_v<seconds, milliseconds>);
static_assert(!std::is_convertible_v<milliseconds, seconds>);
// The zone layer speaks the same types: an offset is not a bare number, nor is an instant.
static_assert(!std::is_invocable_v<decltype(zone::fixed), int>);
static_assert(std::is_invocable_v<decltype(zone::fixed), seconds>);
static_assert(!std::is_invocable_v<decltype(&zone::offset_at), const zone&, std::int64_t>);
static_assert(std::is_same_v<decltype(std::declval<zone>().resolve(civil_seconds{})), instant>);
static_assert(!std::is_invocable_v<decltype(&zone::to_local), const zone&, std::int64_t>);
static_assert(!std::is_constructible_v<civil_seconds, instant>);

TEST_CASE("result: reading an error throws recur_error, the one documented exception", "[result]") {
  auto bad = parse_recurrence("FREQ=NEVER");  // a named result
  REQUIRE_FALSE(bad);
  CHECK_THROWS_AS(bad.value(), recur_error);
  CHECK_THROWS_AS(*bad, recur_error);
  CHECK_THROWS_AS(bad->value, recur_error);
  try {
    (void)bad.value();
  } catch (const recur_error& e) {
    CHECK(e.err().code == error_code::bad_value);
    CHECK_THAT(e.what(), Catch::Contains("NEVER"));
  }
  auto good = parse_recurrence("FREQ=DAILY");
  REQUIRE(good);
  CHECK(good->value.rule.freq == frequency::daily);
  CHECK((*good).warnings.empty());
  CHECK_THROWS_AS(good.err(), recur_error);
  const result<int> five = 5, none = make_error(error_code::syntax, "x");
  CHECK(five.value_or(7) == 5);
  CHECK(none.value_or(7) == 7);
}

TEST_CASE("result: an API error read as a value throws a recur_error that keeps the api_error", "[result]") {
  api::api_error e;
  e.kind = api::error_kind::unauthorized;
  e.http_status = 401;
  e.message = "Invalid token";
  const result<int, api::api_error> r = e;
  try {
    (void)r.value();
    FAIL("no exception");
  } catch (const recur_error& thrown) {
    CHECK(thrown.err().code == error_code::api_failure);
    CHECK_THAT(thrown.what(), Catch::Contains("HTTP 401"));
    const auto* api = dynamic_cast<const api::api_exception*>(&thrown);
    REQUIRE(api);
    CHECK(api->api_err().kind == api::error_kind::unauthorized);
  }
}

TEST_CASE("series: made from the API's text, with its parts readable", "[series]") {
  const series s = daily("RRULE:FREQ=DAILY;COUNT=3\nEXDATE:20260302T090000Z");
  CHECK(s.dtstart() == from_unix_ms(mar1_9am));
  CHECK(s.duration() == std::chrono::minutes(30));
  CHECK(s.finite());
  CHECK(s.definition().exdates.size() == 1);
  // Errors of the text come back as results, naming the part.
  const auto bad = make_series("RRULE:FREQ=DAILY;BYHOUR=24", from_unix_ms(mar1_9am), zone{}, milliseconds{0});
  REQUIRE_FALSE(bad);
  CHECK_THAT(bad.err().message, Catch::Contains("BYHOUR"));
  // A lenient reading keeps what it dropped as warnings.
  interpretation lenient;
  lenient.parse = parse_options{true};
  const auto dropped = make_series("RRULE:FREQ=DAILY;BYWEEKNO=3", from_unix_ms(mar1_9am), zone{}, milliseconds{0}, lenient);
  REQUIRE(dropped);
  CHECK(dropped->warnings().size() == 1);
}

TEST_CASE("occurrences: a lazy range for range-for and the standard algorithms", "[series][expand]") {
  const series s = daily("RRULE:FREQ=DAILY;COUNT=5\nEXDATE:20260302T090000Z");
  std::vector<std::int64_t> seen;
  for (instant t : occurrences(s)) seen.push_back(unix_ms(t));
  // Days 0, 2, 3, 4: the EXDATE removes day 1 but uses up the count (RFC 5545 3.8.5.1).
  CHECK(seen == std::vector<std::int64_t>{mar1_9am, mar1_9am + 2 * day, mar1_9am + 3 * day, mar1_9am + 4 * day});
  auto range = occurrences(s, window_ms(mar1_9am + day, mar1_9am + 3 * day));
  CHECK(std::distance(range.begin(), range.end()) == 2);
  auto again = occurrences(s);
  const auto found = std::find(again.begin(), again.end(), from_unix_ms(mar1_9am + 3 * day));
  REQUIRE(found != again.end());
  CHECK(unix_ms(*std::next(found)) == mar1_9am + 4 * day);
  // An occurrence running at the window's start overlaps it.
  auto running = occurrences(s, window_ms(mar1_9am + 10 * 60000, mar1_9am + 20 * 60000));
  CHECK(std::vector<instant>(running.begin(), running.end()) == std::vector<instant>{from_unix_ms(mar1_9am)});
}

TEST_CASE("occurrences: an endless series is walked only as far as the loop goes", "[series][expand][bounded]") {
  const series s = daily("RRULE:FREQ=DAILY");
  CHECK_FALSE(s.finite());
  auto range = occurrences(s);
  int n = 0;
  for (instant t : range) {
    CHECK(unix_ms(t) == mar1_9am + n * day);
    if (++n == 3) break;
  }
  CHECK(range.work() <= 5);
}

TEST_CASE("expand and instance_ids refuse an endless series without a window end", "[series][expand]") {
  const series endless = daily("RRULE:FREQ=WEEKLY");
  for (const window w : {window{}, window{from_unix_ms(mar1_9am), instant::max()}}) {
    const auto all = expand(endless, w);
    REQUIRE_FALSE(all);
    CHECK(all.err().code == error_code::unbounded);
    CHECK(instance_ids(endless, "m", w).err().code == error_code::unbounded);
  }
  // With an end, or a finite rule, they answer.
  CHECK(expand(endless, window_ms(mar1_9am, mar1_9am + 14 * day))->starts.size() == 3);
  CHECK(expand(daily("RRULE:FREQ=WEEKLY;COUNT=2"), window{})->starts.size() == 2);
}

TEST_CASE("instance_ids: the ids of a window, and their limits", "[series][instance_id]") {
  const series s = daily("RRULE:FREQ=DAILY;COUNT=3");
  const auto ids = instance_ids(s, "m", window{});
  REQUIRE(ids);
  CHECK(*ids == std::vector<std::string>{"m_1772355600000_1800", "m_1772442000000_1800", "m_1772528400000_1800"});
  const auto capped = instance_ids(s, "m", window{}, 2);
  REQUIRE_FALSE(capped);
  CHECK(capped.err().code == error_code::limit_exceeded);
  const auto fractional = instance_ids(daily("RRULE:FREQ=DAILY;COUNT=3", milliseconds{1500}), "m", window{});
  REQUIRE_FALSE(fractional);
  CHECK(fractional.err().code == error_code::bad_time);
}

TEST_CASE("contains: a point query that agrees with the expansion (generated instants)", "[series][validate]") {
  const series s = daily("RRULE:FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20261231T235959Z\nEXDATE:20260305T090000Z");
  const auto all = expand_ms(s, window{});
  // 2026-03-01 is a Sunday: DTSTART, Monday the 2nd, Thursday the 5th is excluded, Monday the 9th.
  CHECK(all[0] == mar1_9am);
  CHECK(all[1] == mar1_9am + day);
  CHECK(all[2] == mar1_9am + 8 * day);
  for (std::int64_t t = mar1_9am - day; t < mar1_9am + 60 * day; t += day / 2) {
    INFO(t);
    CHECK(contains(s, from_unix_ms(t)) == std::binary_search(all.begin(), all.end(), t));
  }
  CHECK(contains(s, from_unix_ms(mar1_9am + 4 * day), exdates::ignore));
}

TEST_CASE("instance_ids_of: one call from any API event to its ids", "[series][event]") {
  const zone utc;
  const window w = window_ms(mar1_9am + day, mar1_9am + 30 * day);
  const auto master_ids = instance_ids_of(master_event("m", "RRULE:FREQ=DAILY;COUNT=3"), utc, w);
  REQUIRE(master_ids);
  CHECK(*master_ids == std::vector<std::string>{"m_1772442000000_1800", "m_1772528400000_1800"});

  event single;
  single.id = "single-1";
  single.start = from_unix_ms(mar1_9am + 2 * day);
  single.end = *single.start + std::chrono::hours(1);
  CHECK(*instance_ids_of(single, utc, w) == std::vector<std::string>{"single-1"});
  CHECK(instance_ids_of(single, utc, window_ms(mar1_9am, mar1_9am + day))->empty());

  event instance = single;
  instance.id = "m_1772528400000_1800";
  instance.series_id = "m";
  CHECK(*instance_ids_of(instance, utc, w) == std::vector<std::string>{"m_1772528400000_1800"});

  event untimed;
  untimed.id = "x";
  CHECK(instance_ids_of(untimed, utc, w).err().code == error_code::bad_time);
  const auto bad_rule = instance_ids_of(master_event("m2", "RRULE:FREQ=DAILY;BYDAY=XX"), utc, w);
  REQUIRE_FALSE(bad_rule);
  CHECK_THAT(bad_rule.err().message, Catch::Contains("m2"));
}

TEST_CASE("occurrences: begin() is the range's position, so a spent range stays empty", "[series][expand]") {
  auto range = occurrences(daily("RRULE:FREQ=DAILY;COUNT=2"));
  CHECK(std::distance(range.begin(), range.end()) == 2);
  CHECK(range.begin() == range.end());
  auto partly = occurrences(daily("RRULE:FREQ=DAILY;COUNT=3"));
  auto it = partly.begin();
  ++it;
  CHECK(unix_ms(*partly.begin()) == mar1_9am + day);  // a second begin() resumes, not restarts
}
