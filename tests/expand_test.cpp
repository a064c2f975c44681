// Expansion semantics beyond the corpus, each expected value computed by hand from the RFC
// rule it illustrates, plus properties over generated series.
#include <catch2/catch.hpp>

#include <random>

#include "support/series_helper.hpp"

using namespace recur;
using namespace recur::test;
using recur::test::first_n;
using recur::test::make_test_series;

namespace {
constexpr std::int64_t hour_ms = 3600000, day_ms = 86400000;
std::int64_t utc_ms(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return make_civil(civil_date{y, mo, d}, h, mi, s).value * 1000;
}
}  // namespace

TEST_CASE("expand: DTSTART is always the first occurrence and counts toward COUNT", "[expand]") {
  // 2026-03-04 is a Wednesday; the rule wants Mondays.
  const series s = make_test_series("FREQ=WEEKLY;BYDAY=MO;COUNT=3", "2026-03-04T10:00:00Z", std::nullopt);
  CHECK(first_n(s, 10) == std::vector<std::int64_t>{utc_ms(2026, 3, 4, 10), utc_ms(2026, 3, 9, 10),
                                                    utc_ms(2026, 3, 16, 10)});
}

TEST_CASE("expand: a rule that can never match yields DTSTART alone, promptly", "[expand][bounded]") {
  for (const char* rule : {"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31",
                           "FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-30",
                           "FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1,2,3", "FREQ=DAILY;INTERVAL=2;BYMONTH=2;BYMONTHDAY=31",
                           "FREQ=HOURLY;INTERVAL=2;BYHOUR=1,3,5", "FREQ=MINUTELY;INTERVAL=60;BYMINUTE=30",
                           "FREQ=SECONDLY;INTERVAL=2;BYSECOND=1", "FREQ=HOURLY;INTERVAL=168;BYDAY=TU",
                           "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=YEARLY;BYYEARDAY=366;BYMONTH=1"}) {
    INFO(rule);
    const series s = make_test_series(rule, "2026-03-02T10:00:00Z", std::nullopt, 0, gap_policy::shift_forward, true);
    ms_cursor it(s);
    std::int64_t ms = 0;
    REQUIRE(it.next(ms));
    CHECK(ms == utc_ms(2026, 3, 2, 10));
    CHECK_FALSE(it.next(ms));
    // Proven empty within one 400-year cycle of periods, not by scanning to 9999 period by period.
    CHECK(it.work() <= 200000);
  }
}

TEST_CASE("expand: the calendar ends with 9999", "[expand][bounded]") {
  const series s = make_test_series("FREQ=YEARLY", "9990-06-01T00:00:00Z", std::nullopt);
  const auto all = first_n(s, 100);
  REQUIRE(all.size() == 10);
  CHECK(all.back() == utc_ms(9999, 6, 1));
}

TEST_CASE("expand: BYSETPOS counts the whole first period, then drops instances before DTSTART", "[expand]") {
  // Last weekday of the month: DTSTART on the 31st of March 2026 (a Tuesday, itself the last weekday).
  const series s = make_test_series("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3", "2026-03-31T09:00:00Z",
                                    std::nullopt);
  CHECK(first_n(s, 5) == std::vector<std::int64_t>{utc_ms(2026, 3, 31, 9), utc_ms(2026, 4, 30, 9),
                                                   utc_ms(2026, 5, 29, 9)});
}

TEST_CASE("expand: EXDATE forms", "[expand][exdate]") {
  SECTION("VALUE=DATE removes every occurrence on that local date") {
    const series s = make_test_series("FREQ=DAILY;BYHOUR=9,17;COUNT=6\nEXDATE;VALUE=DATE:20260302",
                                      "2026-03-01T09:00:00-05:00", std::string("America/New_York"));
    CHECK(first_n(s, 10) == std::vector<std::int64_t>{utc_ms(2026, 3, 1, 14), utc_ms(2026, 3, 1, 22),
                                                      utc_ms(2026, 3, 3, 14), utc_ms(2026, 3, 3, 22)});
  }
  SECTION("TZID value names a wall time in another zone") {
    // 15:00 in Berlin (+01:00) is 14:00Z = 09:00 in New York (-05:00).
    const series s = make_test_series("FREQ=DAILY;COUNT=3 EXDATE;TZID=Europe/Berlin:20260302T150000",
                                      "2026-03-01T09:00:00-05:00", std::string("America/New_York"));
    CHECK(first_n(s, 10) == std::vector<std::int64_t>{utc_ms(2026, 3, 1, 14), utc_ms(2026, 3, 3, 14)});
  }
  SECTION("an EXDATE that matches no occurrence changes nothing") {
    const series s = make_test_series("FREQ=DAILY;COUNT=2 EXDATE:20260301T090001Z", "2026-03-01T09:00:00Z",
                                      std::nullopt);
    CHECK(first_n(s, 10).size() == 2);
  }
}

TEST_CASE("expand: an RDATE with VALUE=DATE takes DTSTART's time of day", "[expand][rdate]") {
  const series s = make_test_series("FREQ=DAILY;COUNT=1 RDATE;VALUE=DATE:20260310", "2026-03-01T09:30:00-05:00",
                                    std::string("America/New_York"));
  // 2026-03-10 09:30 is after the change to EDT (-04:00): 13:30Z.
  CHECK(first_n(s, 10) == std::vector<std::int64_t>{utc_ms(2026, 3, 1, 14, 30), utc_ms(2026, 3, 10, 13, 30)});
}

TEST_CASE("expand: UNTIL as a date is inclusive through that local day, floating UNTIL is wall time", "[expand]") {
  const series by_date = make_test_series("FREQ=DAILY;UNTIL=20260303", "2026-03-01T23:00:00-05:00",
                                          std::string("America/New_York"));
  CHECK(first_n(by_date, 10).size() == 3);
  const series floating = make_test_series("FREQ=DAILY;UNTIL=20260303T225959", "2026-03-01T23:00:00-05:00",
                                           std::string("America/New_York"));
  CHECK(first_n(floating, 10).size() == 2);
}

TEST_CASE("expand: DTSTART's milliseconds carry to every instance", "[expand]") {
  const series s = make_test_series("FREQ=DAILY;COUNT=2", "2026-03-01T09:00:00.250Z", std::nullopt);
  CHECK(first_n(s, 5) == std::vector<std::int64_t>{utc_ms(2026, 3, 1, 9) + 250, utc_ms(2026, 3, 2, 9) + 250});
}

TEST_CASE("expand: sub-daily rules follow the wall clock across a DST change", "[expand][dst]") {
  // New York 2026-03-08: 00:00 EST (05:00Z), 01:00 EST (06:00Z), 02:00 does not exist and shifts
  // to 03:00 EDT (07:00Z), the same instant as 03:00 EDT, listed once; then 04:00 EDT (08:00Z).
  const series s = make_test_series("FREQ=HOURLY;COUNT=5", "2026-03-08T00:00:00-05:00", std::string("America/New_York"));
  CHECK(first_n(s, 10) == std::vector<std::int64_t>{utc_ms(2026, 3, 8, 5), utc_ms(2026, 3, 8, 6),
                                                    utc_ms(2026, 3, 8, 7), utc_ms(2026, 3, 8, 8)});
  const series skip = make_test_series("FREQ=DAILY;COUNT=3", "2026-03-07T02:30:00-05:00",
                                       std::string("America/New_York"), 0, gap_policy::skip);
  // With gap_policy::skip the nonexistent 2026-03-08 02:30 is dropped (and not counted).
  CHECK(first_n(skip, 10) == std::vector<std::int64_t>{utc_ms(2026, 3, 7, 7, 30), utc_ms(2026, 3, 9, 6, 30),
                                                       utc_ms(2026, 3, 10, 6, 30)});
}

TEST_CASE("expand: limit marks the result truncated", "[expand]") {
  const series s = make_test_series("FREQ=DAILY", "2026-01-01T00:00:00Z", std::nullopt);
  const expansion e = *expand(s, window_ms(utc_ms(2026, 1, 1), utc_ms(2026, 12, 31)), 10);
  CHECK(e.starts.size() == 10);
  CHECK(e.truncated);
  const expansion all = *expand(s, window_ms(utc_ms(2026, 1, 1), utc_ms(2026, 1, 10)), 10);
  CHECK(all.starts.size() == 10);
  CHECK_FALSE(all.truncated);
}

TEST_CASE("expand: a window equals the full expansion filtered to it (generated series)", "[expand][property]") {
  std::mt19937 rng(424242);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* rules[] = {"FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=2",
                         "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
                         "FREQ=HOURLY;INTERVAL=7", "FREQ=MINUTELY;INTERVAL=97;BYHOUR=1,2,3",
                         "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1", "FREQ=YEARLY;BYWEEKNO=1,53;BYDAY=MO,SU",
                         "FREQ=DAILY;BYHOUR=1,2,3;BYMINUTE=30"};
  const char* zones[] = {"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "UTC", "Pacific/Apia"};
  for (int i = 0; i < 300; ++i) {
    std::string rule = rules[pick(0, 11)];
    if (pick(0, 2) == 0) rule += ";UNTIL=2031" + std::to_string(pick(10, 12)) + "01T000000Z";
    if (pick(0, 3) == 0) rule += " EXDATE:2027" + std::to_string(pick(10, 12)) + "0" + std::to_string(pick(1, 9)) + "T090000";
    const std::string zone_name = zones[pick(0, 4)];
    const int duration = pick(0, 2) * 1800;
    const series s = make_test_series(rule, "2025-0" + std::to_string(pick(1, 9)) + "-1" + std::to_string(pick(0, 9)) +
                                                "T0" + std::to_string(pick(0, 9)) + ":30:00Z",
                                      zone_name, duration);
    const std::int64_t from = utc_ms(2025, 1, 1) + std::int64_t{pick(0, 2000)} * day_ms + pick(0, 23) * hour_ms;
    const window w = window_ms(from, from + std::int64_t{pick(0, 60)} * day_ms);
    INFO(rule << " in " << zone_name << " window " << unix_ms(w.from) << ".." << unix_ms(w.to));
    std::vector<std::int64_t> filtered;
    ms_cursor it(s);
    std::int64_t ms = 0;
    while (it.next(ms) && ms <= unix_ms(w.to))
      if (overlaps_ms(ms, s, w)) filtered.push_back(ms);
    CHECK(expand_ms(s, w) == filtered);
  }
}

TEST_CASE("expand: COUNT skip-ahead (count index) equals replaying from DTSTART", "[expand][property][count]") {
  // Windows deep into long COUNT series take the counting fast path; the full iteration from
  // DTSTART is the reference.
  std::mt19937 rng(31337);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* rules[] = {"FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=TU,TH;INTERVAL=2",
                         "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
                         "FREQ=YEARLY;BYWEEKNO=1,53;BYDAY=MO", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
                         "FREQ=DAILY;BYMONTH=2;BYHOUR=1,2,3", "FREQ=WEEKLY;WKST=SU;BYDAY=SU,SA;BYMONTH=3,11"};
  const char* zones[] = {"America/New_York", "Europe/Berlin", "UTC"};
  for (int i = 0; i < 120; ++i) {
    const std::string rule = std::string(rules[pick(0, 9)]) + ";COUNT=" + std::to_string(pick(256, 3000)) +
                             (pick(0, 2) == 0 ? " EXDATE:20300105T090000Z" : "");
    const std::string zone_name = zones[pick(0, 2)];
    const series s = make_test_series(rule, "2001-0" + std::to_string(pick(1, 9)) + "-1" + std::to_string(pick(0, 9)) +
                                                "T02:30:00Z",
                                      zone_name, 1800);
    std::vector<std::int64_t> all;
    ms_cursor it(s);
    for (std::int64_t ms = 0; it.next(ms);) all.push_back(ms);
    REQUIRE(!all.empty());
    INFO(rule << " in " << zone_name << ", " << all.size() << " occurrences");
    for (int q = 0; q < 5; ++q) {
      // Windows anywhere from the start to past the end of the series.
      const std::size_t at = static_cast<std::size_t>(pick(0, static_cast<int>(all.size()) + 20));
      const std::int64_t from = at < all.size() ? all[at] - std::int64_t{pick(0, 3)} * day_ms : all.back() + day_ms;
      const window w = window_ms(from, from + std::int64_t{pick(0, 40)} * day_ms);
      std::vector<std::int64_t> expected;
      for (std::int64_t t : all)
        if (overlaps_ms(t, s, w)) expected.push_back(t);
      CHECK(expand_ms(s, w) == expected);
    }
  }
}

TEST_CASE("expand: a window in a 1970 series costs the window, with or without COUNT", "[expand][bounded][count]") {
  for (const char* rule : {"FREQ=DAILY", "FREQ=DAILY;COUNT=100000", "FREQ=WEEKLY;BYDAY=TU,TH",
                           "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=100000"}) {
    INFO(rule);
    const series s = make_test_series(rule, "1970-01-01T09:00:00-05:00", std::string("America/New_York"), 1800);
    const std::int64_t from = utc_ms(2026, 3, 2);
    ms_cursor it(s, from);
    std::int64_t ms = 0;
    while (it.next(ms) && ms < from) {
    }
    // Periods examined by the iterator itself: the two days of slack and the window, not 56 years.
    CHECK(it.work() <= 10);
    // 2026-03-02 is a Monday: DAILY's first start is that day, 09:00 EST = 14:00Z; TU,TH's is Tuesday.
    CHECK(ms == (std::string(rule).find("WEEKLY") == std::string::npos ? utc_ms(2026, 3, 2, 14) : utc_ms(2026, 3, 3, 14)));
  }
}

TEST_CASE("expand: streaming equals consecutive windows concatenated (generated series)", "[expand][property]") {
  std::mt19937 rng(8080);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* rules[] = {"FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,TH;INTERVAL=3", "FREQ=MONTHLY;BYDAY=2TU,-1FR",
                         "FREQ=HOURLY;INTERVAL=5;BYDAY=SA,SU", "FREQ=YEARLY;BYWEEKNO=1,26,53;BYDAY=WE",
                         "FREQ=DAILY;COUNT=400", "FREQ=MONTHLY;BYMONTHDAY=-1,15;COUNT=300 RDATE:20270101T000000Z"};
  const char* zones[] = {"America/New_York", "Pacific/Apia", "Australia/Lord_Howe", "UTC"};
  for (int i = 0; i < 80; ++i) {
    const std::string rule = rules[pick(0, 6)];
    const std::string zone_name = zones[pick(0, 3)];
    const series s = make_test_series(rule, "2025-0" + std::to_string(pick(1, 9)) + "-0" + std::to_string(pick(1, 9)) +
                                                "T0" + std::to_string(pick(0, 9)) + ":30:00Z",
                                      zone_name);
    const std::int64_t begin = utc_ms(2025, 1, 1), end = utc_ms(2028, 1, 1);
    std::vector<std::int64_t> streamed;
    ms_cursor it(s);
    for (std::int64_t t = 0; it.next(t) && t <= end;)
      if (t >= begin) streamed.push_back(t);
    std::vector<std::int64_t> windowed;
    for (std::int64_t from = begin; from <= end;) {
      const std::int64_t to = std::min(end, from + std::int64_t{pick(1, 90)} * day_ms + pick(0, 23) * hour_ms);
      const auto part = expand_ms(s, window_ms(from, to));
      windowed.insert(windowed.end(), part.begin(), part.end());
      from = to + 1;
    }
    INFO(rule << " in " << zone_name);
    CHECK(windowed == streamed);
  }
}

TEST_CASE("expand: the work between two occurrences is bounded, whatever the rule (generated)", "[expand][bounded]") {
  // The work counter counts rule periods examined. Between two occurrences it never exceeds
  // one 400-year cycle: 146097 periods for DAILY (fewer for WEEKLY..YEARLY), and for sub-daily
  // rules, which skip a failing day or hour at once, at most 25 examinations per day of the
  // cycle. A rule that stops matching is recognised instead of scanned to 9999.
  std::mt19937 rng(4242);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* freqs[] = {"MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
  const char* days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  for (int i = 0; i < 300; ++i) {
    const int f = pick(0, 5);
    std::string rule = std::string("FREQ=") + freqs[f] + ";INTERVAL=" + std::to_string(pick(1, 40));
    if (pick(0, 1)) rule += ";BYMONTH=" + std::to_string(pick(1, 12));
    if (f != 3 && pick(0, 1)) rule += ";BYMONTHDAY=" + std::to_string(pick(1, 31) * (pick(0, 1) ? 1 : -1));
    if (pick(0, 1)) rule += std::string(";BYDAY=") + (f >= 4 && pick(0, 1) ? std::to_string(pick(1, 4)) : "") + days[pick(0, 6)];
    if (f <= 1 && pick(0, 1)) rule += ";BYHOUR=" + std::to_string(pick(0, 23));
    const series s = make_test_series(rule, "2026-01-0" + std::to_string(pick(1, 9)) + "T10:00:00Z", std::nullopt);
    const std::uint64_t bound = (f <= 1 ? 25 : 1) * 146097 + 2;
    ms_cursor it(s);
    std::uint64_t last = 0;
    std::int64_t t = 0;
    INFO(rule);
    for (int k = 0; k < 30 && it.next(t); ++k) {
      CHECK(it.work() - last <= bound);
      last = it.work();
    }
    CHECK(it.work() - last <= bound);  // including the search that found no more
  }
}

namespace {
// The series of `text` (DTSTART `start`, UTC), read with the given policies.
series policy_series(const std::string& text, const std::string& start, const zone& z, gap_policy gaps,
                     overlap_policy overlaps, dtstart_policy first) {
  interpretation how;
  how.series.gaps = gaps;
  how.series.overlaps = overlaps;
  how.series.dtstart = first;
  auto s = make_series(text, *parse_iso8601(start).value().as_written(), z, seconds{0}, how);
  if (!s.ok()) FAIL("series: " + s.err().message);
  return s.value();
}

std::string utc_text(std::int64_t ms) { return format_ical_date_time(civil_seconds{ms / 1000}, true); }
}  // namespace

TEST_CASE("expand: occurrences converted in blocks equal the one-by-one path (generated series)", "[expand][property]") {
  // A series without RDATEs converts runs of wall times in one pass; an RDATE far past the
  // compared span sends the same series through the one-by-one merge instead (RDATEs do not
  // count toward COUNT), so the two must agree before it: across DST gaps and overlaps under
  // every policy, with COUNT, UNTIL, EXDATE instants and dates, and DTSTART off the rule.
  std::mt19937 rng(70707);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* rules[] = {"FREQ=MINUTELY;INTERVAL=13", "FREQ=HOURLY", "FREQ=HOURLY;INTERVAL=5;BYDAY=SU,MO",
                         "FREQ=DAILY;BYHOUR=0,1,2,3;BYMINUTE=0,30", "FREQ=DAILY", "FREQ=DAILY;INTERVAL=3;BYHOUR=2",
                         "FREQ=WEEKLY;BYDAY=SU,SA;BYHOUR=1,2,3", "FREQ=MONTHLY;BYMONTHDAY=1,-1;BYHOUR=2,14",
                         "FREQ=SECONDLY;INTERVAL=601", "FREQ=YEARLY;BYMONTH=3,10,11;BYDAY=SU;BYHOUR=2"};
  const char* zones[] = {"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Pacific/Apia", "UTC"};
  const std::int64_t far_rdate = utc_ms(2090, 1, 1);
  int with_exdates = 0;
  for (int i = 0; i < 400; ++i) {
    std::string rule = rules[pick(0, 9)];
    if (pick(0, 2) == 0) rule += ";COUNT=" + std::to_string(pick(1, 3000));
    else if (pick(0, 1) == 0) rule += ";UNTIL=20" + std::to_string(pick(26, 30)) + "0" + std::to_string(pick(1, 9)) + "15T020000Z";
    const zone z = zone::load(zones[pick(0, 4)]).value();
    const std::string start = "2026-0" + std::to_string(pick(1, 9)) + "-1" + std::to_string(pick(0, 9)) + "T0" +
                              std::to_string(pick(0, 9)) + ":" + std::to_string(pick(10, 59)) + ":00Z";
    const gap_policy gaps = pick(0, 1) ? gap_policy::shift_forward : gap_policy::skip;
    const overlap_policy overlaps = pick(0, 1) ? overlap_policy::earliest : overlap_policy::latest;
    const dtstart_policy first = pick(0, 1) ? dtstart_policy::always_first : dtstart_policy::only_when_on_rule;
    const window span = window_ms(utc_ms(2026, 1, 1), utc_ms(2031, 1, 1));
    // EXDATEs among the series' own occurrences (and one that is not), as instants or as dates.
    std::string text = "RRULE:" + rule;
    if (pick(0, 1)) {
      const auto plain = expand_ms(policy_series(text, start, z, gaps, overlaps, first), span);
      std::string exdates = "EXDATE:" + utc_text(utc_ms(2027, 5, 5, 5, 5));
      for (std::size_t k = 0; k < plain.size(); k += static_cast<std::size_t>(pick(1, 40)))
        exdates += "," + utc_text(plain[k]);
      if (pick(0, 3) == 0) exdates += "\nEXDATE;VALUE=DATE:20270314,20261101";
      text += "\n" + exdates;
      ++with_exdates;
    }
    const series blocks = policy_series(text, start, z, gaps, overlaps, first);
    const series one_by_one = policy_series(text + "\nRDATE:" + utc_text(far_rdate), start, z, gaps, overlaps, first);
    INFO(text << " from " << start << " in " << z.name());
    auto first_part = [&](const series& s) {  // up to 20,000 occurrences within the span
      std::vector<std::int64_t> out;
      ms_cursor it(s);
      for (std::int64_t ms = 0; out.size() < 20000 && it.next(ms) && ms <= unix_ms(span.to);) out.push_back(ms);
      return out;
    };
    const std::vector<std::int64_t> expected = first_part(one_by_one);
    REQUIRE(first_part(blocks) == expected);
    // And from a point inside the series, where the iterator seeks (or counts ahead).
    if (expected.size() > 2) {
      const std::int64_t from = expected[expected.size() / 2] - pick(0, 1) * 1000;
      const window w = window_ms(from, from + 40 * day_ms);
      CHECK(expand_ms(blocks, w) == expand_ms(one_by_one, w));
    }
  }
  CHECK(with_exdates > 150);
}
