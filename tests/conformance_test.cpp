// The shared conformance corpora (tests/conformance/rrule-public.jsonl, computed with
// independent reference implementations, and rrule-dateutil-profile.jsonl, python-dateutil
// 2.8.2's own answers for the dateutil profile), every case through the library. The same
// corpora run through the command-line contract in the `conformance_cli` CTests.
#include <catch2/catch.hpp>

#include "support/series_helper.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

#include "recur/expand.hpp"
#include "recur/iso8601.hpp"
#include "recur/profile.hpp"

using namespace recur;
using namespace recur::test;

namespace {

// Runs one case as `recur expand` would; returns the occurrences or the first error.
result<std::vector<std::int64_t>> run_case(const nlohmann::json& c) {
  profile p = profile::rfc;
  if (c.contains("profile") && !c.at("profile").is_null()) {
    const auto named = parse_profile(c.at("profile").get<std::string>());
    if (!named) return named.err();
    p = named.value();
  }
  const interpretation how = interpretation_of(p);
  const auto parsed = parse_recurrence(c.at("rrule").get<std::string>(), how.parse);
  if (!parsed) return parsed.err();
  const auto start = parse_iso8601(c.at("start").get<std::string>());
  if (!start) return start.err();
  if (!start->offset) return make_error(error_code::bad_time, "start has no offset");
  zone z = zone::fixed(*start->offset);
  if (!c.at("tz").is_null()) {
    auto loaded = zone::load(c.at("tz").get<std::string>());
    if (!loaded) return loaded.err();
    z = loaded.value();
  }
  auto s = make_series(parsed.value().value, *start->as_written(), z,
                       seconds{c.at("duration_s").get<std::int64_t>()}, how.series);
  if (!s) return s.err();
  return expand_ms(s.value(), window_ms(c.at("from_ms").get<std::int64_t>(), c.at("to_ms").get<std::int64_t>()));
}

// Runs every case of one corpus file; returns {cases, passed}.
std::pair<int, int> run_corpus(const std::string& file) {
  std::ifstream in(RECUR_TEST_DATA "/conformance/" + file);
  REQUIRE(in);
  std::string line;
  int cases = 0, passed = 0;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const nlohmann::json c = nlohmann::json::parse(line);
    const std::string name = c.at("name").get<std::string>();
    INFO("case " << name << " (" << c.value("note", "") << ")");
    ++cases;
    const auto got = run_case(c);
    if (c.value("error", false)) {
      CHECK_FALSE(got.ok());
      if (!got.ok()) {
        CHECK_FALSE(got.err().message.empty());
        ++passed;
      }
      continue;
    }
    if (!got.ok()) FAIL_CHECK("rejected: " << got.err().message);
    else {
      const auto expected = c.at("expected_ms").get<std::vector<std::int64_t>>();
      CHECK(got.value() == expected);
      if (got.value() == expected) ++passed;
    }
  }
  return {cases, passed};
}

}  // namespace

TEST_CASE("conformance corpus: every case of rrule-public.jsonl", "[conformance]") {
  const auto [cases, passed] = run_corpus("rrule-public.jsonl");
  INFO(passed << " of " << cases << " cases passed");
  CHECK(cases >= 167);
  CHECK(passed == cases);
}

TEST_CASE("conformance corpus: every case of rrule-dateutil-profile.jsonl", "[conformance][profile]") {
  const auto [cases, passed] = run_corpus("rrule-dateutil-profile.jsonl");
  INFO(passed << " of " << cases << " cases passed");
  CHECK(cases >= 67);
  CHECK(passed == cases);
}
