// Zones: RFC 5545 3.3.5 gap and overlap resolution, the POSIX-rule extension past tzdata's
// last listed transition, and the converter's cache, each against an independent answer.
#include <catch2/catch.hpp>

#include <date/tz.h>

#include "time/posix_tz.hpp"
#include "time/tzif.hpp"
#include "time/zone_seconds.hpp"
#include "recur/zone.hpp"

using namespace recur;

namespace {
zone load(const char* name) {
  auto z = zone::load(name);
  if (!z.ok()) FAIL(z.err().message);
  return z.value();
}
civil_seconds local(int y, int mo, int d, int h, int mi) { return make_civil(civil_date{y, mo, d}, h, mi, 0); }
// The instant whose UTC wall clock reads y-mo-d h:mi, and the same in epoch seconds.
std::int64_t utc_s(int y, int mo, int d, int h, int mi) { return local(y, mo, d, h, mi).value; }
instant utc(int y, int mo, int d, int h, int mi) { return from_unix_ms(utc_s(y, mo, d, h, mi) * 1000); }
}  // namespace

TEST_CASE("zone: unknown names are errors, never a silent UTC", "[zone]") {
  const auto z = zone::load("America/Nowhere");
  REQUIRE_FALSE(z.ok());
  CHECK(z.err().code == error_code::unknown_zone);
  CHECK(z.err().message == "unknown time zone 'America/Nowhere' (not in the IANA tz database)");
  CHECK_FALSE(zone::load("").ok());
  CHECK(load("UTC").name() == "UTC");
  CHECK(zone::fixed(seconds(19800)).name() == "+05:30");
  CHECK(zone::fixed(seconds(-12600)).name() == "-03:30");
  CHECK(zone::fixed(std::chrono::hours(-30)).name() == "-26:00");  // clamped to the widest offset
}

TEST_CASE("zone: a spring-forward gap takes the offset before the gap (RFC 5545 3.3.5)", "[zone][dst]") {
  const zone ny = load("America/New_York");
  // 2026-03-08 02:30 does not exist in New York: read with EST (-5) it is 07:30Z (= 03:30 EDT).
  const local_lookup gap = ny.lookup(local(2026, 3, 8, 2, 30));
  CHECK(gap.what == local_lookup::kind::gap);
  CHECK(gap.earliest == utc(2026, 3, 8, 7, 30));
  // date's choose::earliest answers the transition instant instead, which is why recur resolves gaps itself.
  const auto date_answer = date::locate_zone("America/New_York")
                               ->to_sys(date::local_seconds{std::chrono::seconds{local(2026, 3, 8, 2, 30).value}},
                                        date::choose::earliest);
  CHECK(date_answer.time_since_epoch().count() == utc_s(2026, 3, 8, 7, 0));

  const zone lord_howe = load("Australia/Lord_Howe");  // 30-minute DST: 02:00 -> 02:30 on 2026-10-04
  const local_lookup half = lord_howe.lookup(local(2026, 10, 4, 2, 15));
  CHECK(half.what == local_lookup::kind::gap);
  CHECK(half.earliest == utc(2026, 10, 3, 15, 45));  // 02:15 at +10:30

  const zone apia = load("Pacific/Apia");  // 2011-12-30 was skipped entirely
  const local_lookup day = apia.lookup(local(2011, 12, 30, 9, 0));
  CHECK(day.what == local_lookup::kind::gap);
  CHECK(day.earliest == utc(2011, 12, 30, 19, 0));  // 09:00 at -10:00
}

TEST_CASE("zone: an ambiguous fall-back time is the earlier instant", "[zone][dst]") {
  const zone ny = load("America/New_York");
  const local_lookup overlap = ny.lookup(local(2026, 11, 1, 1, 30));
  CHECK(overlap.what == local_lookup::kind::ambiguous);
  CHECK(overlap.earliest == utc(2026, 11, 1, 5, 30));  // 01:30 EDT
  CHECK(overlap.latest == utc(2026, 11, 1, 6, 30));    // 01:30 EST
  const zone chatham = load("Pacific/Chatham");        // +13:45 -> +12:45 at 03:45 on 2026-04-05
  const local_lookup c = chatham.lookup(local(2026, 4, 5, 3, 0));
  CHECK(c.what == local_lookup::kind::ambiguous);
  CHECK(c.earliest == from_unix_ms((local(2026, 4, 5, 3, 0).value - (13 * 3600 + 45 * 60)) * 1000));
}

TEST_CASE("zone: POSIX TZ strings", "[zone][posix]") {
  using detail::parse_posix_tz;
  const auto ny = parse_posix_tz("EST5EDT,M3.2.0,M11.1.0");
  REQUIRE(ny);
  CHECK(ny->std_offset == -5 * 3600);
  CHECK(ny->dst_offset == -4 * 3600);
  CHECK(ny->start.month == 3);
  CHECK(ny->start.week == 2);
  const auto kolkata = parse_posix_tz("IST-5:30");
  REQUIRE(kolkata);
  CHECK(kolkata->std_offset == 19800);
  CHECK_FALSE(kolkata->has_dst);
  const auto quoted = parse_posix_tz("<-03>3<-02>,M3.5.0/-2,M10.5.0/-1");  // negative times (TZif v3)
  REQUIRE(quoted);
  CHECK(quoted->start.time == -7200);
  const auto dublin = parse_posix_tz("IST-1GMT0,M10.5.0,M3.5.0/1");  // "negative DST": winter is the saving
  REQUIRE(dublin);
  CHECK(dublin->std_offset == 3600);
  CHECK(dublin->dst_offset == 0);
  CHECK(parse_posix_tz("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0").has_value());
  CHECK_FALSE(parse_posix_tz("").has_value());
  CHECK_FALSE(parse_posix_tz("EST5EDT,M13.1.0,M11.1.0").has_value());
  CHECK_FALSE(parse_posix_tz("E5").has_value());
}

TEST_CASE("zone: the POSIX rule reproduces tzdata's listed transitions for 2029-2036", "[zone][posix]") {
  // Where tzdata lists transitions (date/tz reads them), the footer rule must give the same
  // offset at every instant; this checks recur's POSIX rule arithmetic independently.
  for (const char* name : {"America/New_York", "Europe/Berlin", "Australia/Sydney", "Australia/Lord_Howe",
                           "Pacific/Chatham", "America/Santiago", "Europe/Dublin", "America/Havana",
                           "America/Nuuk", "Asia/Kolkata", "Pacific/Auckland", "Europe/London"}) {
    INFO(name);
    const auto file = detail::read_tzif(std::string("/usr/share/zoneinfo/") + name);
    REQUIRE(file);
    const auto& rule = file->footer;
    REQUIRE(rule);
    const date::time_zone* tz = date::locate_zone(name);
    // The rule only describes years since its last change; start where date's data says it applies.
    // From 2029: tzdata 2026 lists a one-off change for Havana (DST kept until November 2027)
    // that the regular rule does not describe.
    const std::int64_t from = utc_s(2029, 1, 1, 0, 0);
    for (std::int64_t t = from; t < utc_s(2037, 1, 1, 0, 0); t += 3 * 3600 + 17) {
      const auto info = tz->get_info(date::sys_seconds{std::chrono::seconds{t}});
      const detail::utc_range r = detail::posix_range_at(*rule, t, INT64_MIN / 4);
      if (r.offset != info.offset.count()) FAIL_CHECK("offset differs at " << t);
      if (r.offset != info.offset.count()) break;
    }
  }
}

TEST_CASE("zone: New York keeps DST after 2037 (tzdata lists transitions only that far)", "[zone][posix]") {
  const zone ny = load("America/New_York");
  // US rule since 2007: second Sunday of March to first Sunday of November.
  CHECK(ny.offset_at(utc(2040, 7, 1, 12, 0)) == std::chrono::hours(-4));
  CHECK(ny.offset_at(utc(2040, 1, 1, 12, 0)) == std::chrono::hours(-5));
  CHECK(ny.offset_at(utc(2250, 7, 1, 12, 0)) == std::chrono::hours(-4));
  // 2040-03-11 is the second Sunday of March 2040: 02:00 EST = 07:00Z.
  CHECK(ny.offset_at(utc(2040, 3, 11, 7, 0) - milliseconds(1)) == std::chrono::hours(-5));
  CHECK(ny.offset_at(utc(2040, 3, 11, 7, 0)) == std::chrono::hours(-4));
  const detail::utc_range r = detail::zone_seconds::range_at(ny, utc_s(2040, 3, 11, 7, 0));
  CHECK(r.begin == utc_s(2040, 3, 11, 7, 0));
  const zone sydney = load("Australia/Sydney");
  CHECK(sydney.offset_at(utc(2050, 1, 1, 0, 0)) == std::chrono::hours(11));
  CHECK(sydney.offset_at(utc(2050, 7, 1, 0, 0)) == std::chrono::hours(10));
  CHECK(sydney.to_local(utc(2050, 7, 1, 0, 0)) == local(2050, 7, 1, 10, 0));
}

namespace {
// Walks wall times from `from` to `to` through one converter and checks each answer against the
// uncached lookup.
void check_converter_against_lookup(const zone& z, std::int64_t from, std::int64_t to, std::int64_t step) {
  zone_converter converter(z);
  for (std::int64_t t = from; t < to; t += step) {
    bool in_gap = false;
    const instant cached =
        *converter.to_instant(civil_seconds{t}, gap_policy::shift_forward, overlap_policy::earliest, &in_gap);
    const local_lookup direct = z.lookup(civil_seconds{t});
    if (cached != direct.earliest || in_gap != (direct.what == local_lookup::kind::gap)) {
      FAIL_CHECK("local " << t << ": cached " << unix_ms(cached) << " vs " << unix_ms(direct.earliest));
      break;
    }
    seconds offset{};
    const civil_seconds back = converter.to_local(cached, &offset);
    if (back.value - offset.count() != unix_ms(cached) / 1000) {
      FAIL_CHECK("offset of local " << t << " is " << offset.count());
      break;
    }
    if (direct.what != local_lookup::kind::gap && back.value != t) {
      FAIL_CHECK("round trip of local " << t << " gave " << back.value);
      break;
    }
  }
}
}  // namespace

TEST_CASE("zone: the converter's cache answers like the uncached lookup", "[zone]") {
  for (const char* name : {"America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "Europe/Dublin",
                           "America/Sao_Paulo", "Asia/Kathmandu"}) {
    INFO(name);
    check_converter_against_lookup(load(name), utc_s(2009, 6, 1, 0, 0), utc_s(2013, 1, 1, 0, 0), 900);
  }
}

TEST_CASE("zone: the converter's cache answers like the uncached lookup across the end of tzdata's list",
          "[zone][posix]") {
  // tzdata lists transitions to 2037. Past them the zone answers from longer tables, the
  // listed ranges and the POSIX rule's for a century, then to 2500, each built at the first
  // lookup past the one before; a converter's cached range index carries over between them.
  for (const char* name : {"America/New_York", "Australia/Lord_Howe", "Europe/Dublin", "Pacific/Chatham"}) {
    INFO(name);
    check_converter_against_lookup(load(name), utc_s(2036, 6, 1, 0, 0), utc_s(2039, 6, 1, 0, 0), 1800 + 7);
    check_converter_against_lookup(load(name), utc_s(2136, 6, 1, 0, 0), utc_s(2139, 6, 1, 0, 0), 1800 + 7);
    check_converter_against_lookup(load(name), utc_s(2498, 6, 1, 0, 0), utc_s(2502, 6, 1, 0, 0), 1800 + 7);
  }
}

TEST_CASE("zone: gap_policy::skip drops gap times", "[zone][dst]") {
  zone_converter converter(load("America/New_York"));
  bool in_gap = false;
  CHECK_FALSE(converter.to_instant(local(2026, 3, 8, 2, 30), gap_policy::skip, overlap_policy::earliest, &in_gap));
  CHECK(in_gap);
  CHECK(converter.to_instant(local(2026, 3, 8, 3, 30), gap_policy::skip) == utc(2026, 3, 8, 7, 30));
  // The default policy shifts the gap time by the offset before the gap (RFC 5545 3.3.5).
  CHECK(converter.to_instant(local(2026, 3, 8, 2, 30)) == utc(2026, 3, 8, 7, 30));
  CHECK(load("America/New_York").resolve(local(2026, 11, 1, 1, 30), overlap_policy::latest) == utc(2026, 11, 1, 6, 30));
}

TEST_CASE("zone: every zone's offsets from its TZif file equal date/tz's, at each transition 1850-2037",
          "[zone][tzif]") {
  // recur reads the zone's TZif file itself (engine/src/time/tzif.cpp); date/tz reads the same
  // files with its own parser: an independent answer at both ends of every range.
  const std::int64_t from = utc_s(1850, 1, 1, 0, 0), to = utc_s(2037, 12, 31, 0, 0);
  int zones = 0;
  for (const date::time_zone& tz : date::get_tzdb().zones) {
    const auto z = zone::load(tz.name());
    if (!z) continue;  // names recur refuses (host-dependent ones)
    ++zones;
    INFO(tz.name());
    for (std::int64_t t = from; t < to;) {
      const auto info = tz.get_info(date::sys_seconds{std::chrono::seconds{t}});
      const std::int64_t begin = std::max(t, static_cast<std::int64_t>(info.begin.time_since_epoch().count()));
      const std::int64_t end = std::min(to, static_cast<std::int64_t>(info.end.time_since_epoch().count()));
      if (z->offset_at(from_unix_ms(begin * 1000)) != info.offset ||
          z->offset_at(from_unix_ms(end * 1000 - 1)) != info.offset) {
        FAIL_CHECK("offset differs in [" << begin << ", " << end << "): date/tz says " << info.offset.count());
        break;
      }
      t = end;
    }
  }
  CHECK(zones > 300);
  CHECK_FALSE(zone::load("zone.tab").ok());  // files in the directory that are not zones
  CHECK_FALSE(zone::load("America").ok());   // a directory
}
