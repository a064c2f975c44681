// libical as the reference implementation in differential tests: expands a rule in floating
// (zone-less) time with icalrecur_iterator. libical is an independent implementation; where
// it departs from RFC 5545 the tests say so case by case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace recur::test {

// Up to `limit` instances (civil seconds since 1970, floating) of `rule` (no "RRULE:" prefix)
// from `dtstart` ("YYYYMMDDTHHMMSS"), as libical's iterator yields them; nullopt when libical
// cannot parse the rule.
std::optional<std::vector<std::int64_t>> libical_expand(const std::string& rule, const std::string& dtstart,
                                                        std::size_t limit);

}  // namespace recur::test
