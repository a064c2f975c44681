// Sub-daily rules (HOURLY, MINUTELY, SECONDLY): generated rules against a brute-force reading
// of RFC 5545 3.3.10, and the termination promise (README: "every expansion terminates") with
// the work counter: rules that can never match, BYSETPOS beyond a period's set, BYSECOND=60,
// and UNTIL ending the search whether or not a candidate matched.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "recur/validate.hpp"
#include "support/series_helper.hpp"

using namespace recur;
using namespace recur::test;
using recur::test::make_test_series;

namespace {

bool listed(const std::vector<int>& values, int v) {
  return values.empty() || std::find(values.begin(), values.end(), v) != values.end();
}

// RFC 5545 3.3.10 read literally, one period at a time: the period's candidates (BYMINUTE and
// BYSECOND expand below FREQ, defaulting to DTSTART's), every limiting part tested on each
// candidate, BYSETPOS over the period's sorted set, instances before DTSTART dropped.
// Fixed offset 0, no COUNT or UNTIL; stops at `end` (civil seconds).
std::vector<std::int64_t> brute_force(const rrule& r, civil_seconds dtstart, std::int64_t end) {
  const civil_fields start = split(dtstart);
  const std::int64_t unit = r.freq == frequency::hourly ? 3600 : r.freq == frequency::minutely ? 60 : 1;
  std::vector<int> minutes = r.by_minute.empty() ? std::vector<int>{start.minute} : r.by_minute;
  std::vector<int> seconds = r.by_second.empty() ? std::vector<int>{start.second} : r.by_second;
  // Candidate offsets from the period start; second 60 (a leap second) is never a real time.
  std::vector<std::int64_t> offsets;
  for (int m : r.freq == frequency::hourly ? minutes : std::vector<int>{0})
    for (int s : r.freq == frequency::secondly ? std::vector<int>{0} : seconds)
      if (s != 60) offsets.push_back(m * 60 + s);
  std::vector<std::int64_t> out;
  for (std::int64_t p = dtstart.value / unit * unit; p <= end; p += r.interval * unit) {
    std::vector<std::int64_t> set;
    for (std::int64_t off : offsets) {
      const std::int64_t c = p + off;
      const civil_fields f = split(civil_seconds{c});
      const int dim = days_in_month(f.date.year, f.date.month);
      bool day_ok = r.by_month_day.empty();
      for (int d : r.by_month_day) day_ok = day_ok || d == f.date.day || dim + d + 1 == f.date.day;
      bool weekday_ok = r.by_day.empty();
      for (const weekday_item& w : r.by_day) weekday_ok = weekday_ok || w.day == weekday_of(day_number(civil_seconds{c}));
      const bool minute_limits = r.freq != frequency::hourly, second_limits = r.freq == frequency::secondly;
      if (listed(r.by_month, f.date.month) && day_ok && weekday_ok && listed(r.by_hour, f.hour) &&
          (!minute_limits || listed(r.by_minute, f.minute)) && (!second_limits || listed(r.by_second, f.second)))
        set.push_back(c);
    }
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    std::vector<std::int64_t> chosen = set;
    if (!r.by_set_pos.empty()) {
      chosen.clear();
      const auto n = static_cast<int>(set.size());
      for (int pos : r.by_set_pos) {
        const int i = pos > 0 ? pos - 1 : n + pos;
        if (i >= 0 && i < n) chosen.push_back(set[static_cast<std::size_t>(i)]);
      }
      std::sort(chosen.begin(), chosen.end());
      chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    }
    for (std::int64_t c : chosen)
      if (c >= dtstart.value && c <= end) out.push_back(c);
  }
  return out;
}

struct rule_maker {
  std::mt19937 rng;
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  std::string list(const char* name, int lo, int hi, int max_items, bool negative = false) {
    std::string out = std::string(";") + name + "=";
    for (int n = pick(1, max_items), k = 0; k < n; ++k)
      out += (k ? "," : "") + std::to_string((negative && pick(0, 2) == 0 ? -1 : 1) * pick(lo, hi));
    return out;
  }
  // A sub-daily rule with every part that limits or expands it, BYSECOND=60 and BYSETPOS included.
  std::string sub_daily() {
    static const char* freqs[] = {"HOURLY", "MINUTELY", "SECONDLY"};
    static const char* days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    const int f = pick(0, 2);
    std::string rule = std::string("FREQ=") + freqs[f];
    if (pick(0, 1)) rule += ";INTERVAL=" + std::to_string(pick(0, 2) ? pick(2, 13) : pick(14, 100000));
    if (pick(0, 3) == 0) rule += list("BYMONTH", 1, 12, 2);
    if (pick(0, 3) == 0) rule += list("BYMONTHDAY", 1, 31, 3, true);
    if (pick(0, 2) == 0) rule += std::string(";BYDAY=") + days[pick(0, 6)];
    if (pick(0, 1)) rule += list("BYHOUR", 0, 23, 3);
    if (pick(0, 1)) rule += list("BYMINUTE", 0, 59, 3);
    if (pick(0, 1)) rule += list("BYSECOND", pick(0, 4) ? 0 : 60, 60, 3);
    if (pick(0, 3) == 0) rule += list("BYSETPOS", 1, 4, 2, true);
    return rule;
  }
};

rrule parsed_rule(const std::string& text) {
  const auto r = parse_rrule(text, parse_options{true});
  if (!r.ok()) FAIL(text + ": " + r.err().message);
  return r.value().rule;
}

constexpr std::int64_t day_s = 86400;

}  // namespace

TEST_CASE("sub-daily: generated rules equal a brute-force reading of RFC 5545", "[expand][sub-daily][property]") {
  rule_maker make{std::mt19937(60)};
  int compared = 0, nonempty = 0;
  for (int i = 0; i < 600; ++i) {
    const std::string rule = make.sub_daily();
    const rrule r = parsed_rule(rule);
    const std::string start = "2026-0" + std::to_string(make.pick(1, 9)) + "-1" + std::to_string(make.pick(0, 9)) + "T0" +
                              std::to_string(make.pick(0, 9)) + ":1" + std::to_string(make.pick(0, 9)) + ":2" +
                              std::to_string(make.pick(0, 9)) + "Z";
    const series s = make_test_series(rule, start, std::nullopt, 0, gap_policy::shift_forward, true);
    const std::int64_t span = r.freq == frequency::secondly ? 2 * day_s : r.freq == frequency::minutely ? 20 * day_s : 400 * day_s;
    const civil_seconds dtstart{unix_ms(s.dtstart()) / 1000};
    auto expected = brute_force(r, dtstart, dtstart.value + span);
    // DTSTART is the first occurrence whether or not the rule gives it (RFC 5545 3.8.5.3).
    if (expected.empty() || expected.front() != dtstart.value) expected.insert(expected.begin(), dtstart.value);
    std::vector<std::int64_t> got;
    ms_cursor it(s);
    for (std::int64_t ms = 0; it.next(ms) && ms / 1000 <= dtstart.value + span;) got.push_back(ms / 1000);
    INFO(rule << " from " << start);
    CHECK(got == expected);
    ++compared;
    nonempty += expected.size() > 1;
  }
  CHECK(compared == 600);
  CHECK(nonempty > 200);  // the generator makes rules that match, not only empty ones
}

TEST_CASE("sub-daily: the rules that once ran forever end at once", "[expand][sub-daily][bounded]") {
  for (const char* rule :
       {"FREQ=MINUTELY;BYDAY=MO;BYSETPOS=2;COUNT=2", "FREQ=SECONDLY;BYMINUTE=5;BYSETPOS=3;COUNT=2",
        "FREQ=MINUTELY;BYSECOND=60;COUNT=3", "FREQ=SECONDLY;BYSECOND=60", "FREQ=HOURLY;BYSECOND=60;BYMINUTE=1",
        "FREQ=DAILY;BYHOUR=9;BYSETPOS=2", "FREQ=MINUTELY;INTERVAL=7;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
        "FREQ=SECONDLY;INTERVAL=7;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0"}) {
    INFO(rule);
    // 2026-03-01 is a Sunday; 09:00:00 is not a Monday 09:00 on the 7-minute/7-second grid either.
    const series s = make_test_series(rule, "2026-03-01T09:00:03Z", std::nullopt);
    ms_cursor it(s);
    std::int64_t ms = 0;
    REQUIRE(it.next(ms));  // DTSTART
    CHECK_FALSE(it.next(ms));
    CHECK(it.work() <= 10100);  // one week of the joint day/time pattern at most, not a scan to 9999
  }
}

TEST_CASE("sub-daily: UNTIL ends the search at the first period after it", "[expand][sub-daily][bounded]") {
  // Each rule's next match is months or years away (a Saturday the 13th, a 29 February);
  // UNTIL is ten minutes after DTSTART.
  for (const char* rule : {"FREQ=MINUTELY;BYMONTHDAY=13;BYDAY=SA;BYHOUR=9;UNTIL=20260301T091000Z",
                           "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=29;BYSECOND=7;UNTIL=20260301T091000Z",
                           "FREQ=MINUTELY;INTERVAL=11;BYMONTHDAY=13;BYHOUR=9;BYMINUTE=0;UNTIL=20260301T091000Z"}) {
    INFO(rule);
    const series s = make_test_series(rule, "2026-03-01T09:00:00Z", std::nullopt);
    ms_cursor it(s);
    std::int64_t ms = 0;
    REQUIRE(it.next(ms));
    CHECK_FALSE(it.next(ms));
    CHECK(it.work() <= 3);  // the day that fails, then a period past UNTIL
  }
}

TEST_CASE("sub-daily: work between two instances and before the end is bounded (generated)",
          "[expand][sub-daily][bounded]") {
  // Work counts periods examined. A failing day, hour, minute or second is skipped in one
  // step to the next time that could pass, and a rule that stops matching is recognised
  // within one cycle of its day pattern (146097 days, or 7 for weekdays alone).
  rule_maker make{std::mt19937(61)};
  std::uint64_t worst = 0;
  for (int i = 0; i < 400; ++i) {
    const std::string rule = make.sub_daily();
    const series s = make_test_series(rule, "2026-01-0" + std::to_string(make.pick(1, 9)) + "T10:00:00Z", std::nullopt,
                                      0, gap_policy::shift_forward, true);
    ms_cursor it(s);
    std::uint64_t last = 0;
    std::int64_t t = 0;
    INFO(rule);
    for (int k = 0; k < 20 && it.next(t); ++k) {
      worst = std::max(worst, it.work() - last);
      last = it.work();
    }
    worst = std::max(worst, it.work() - last);  // including the search that found no more
  }
  CHECK(worst <= 2 * 146097);  // about one examination per day of a 400-year cycle
}

TEST_CASE("sub-daily: a point query starts at its instant, not days before", "[expand][sub-daily][bounded]") {
  // validate() and has_occurrence() open the iterator at the id's instant; SECONDLY once
  // replayed two days (172,800 periods) per id.
  // 10:15 wall time on 2026-07-24 in each zone (offsets in July: EDT -4, LHST +10:30).
  const std::pair<const char*, const char*> zones[] = {{"UTC", "2026-07-24T10:15:00Z"},
                                                       {"America/New_York", "2026-07-24T10:15:00-04:00"},
                                                       {"Australia/Lord_Howe", "2026-07-24T10:15:00+10:30"}};
  for (const auto& [zone, wall] : zones) {
    for (const char* rule : {"FREQ=SECONDLY", "FREQ=MINUTELY;BYSECOND=0,30", "FREQ=HOURLY;BYMINUTE=15"}) {
      INFO(rule << " in " << zone);
      const series s = make_test_series(rule, "2026-01-05T09:00:00Z", std::string(zone));
      const std::int64_t id_ms = unix_ms(*parse_iso8601(wall).value().as_written());
      ms_cursor it(s, id_ms);
      std::int64_t ms = 0;
      while (it.next(ms) && ms < id_ms) {
      }
      CHECK(ms == id_ms);
      CHECK(it.work() <= 3);
      CHECK(contains(s, from_unix_ms(id_ms)));
      const bool every_second = std::string(rule) == "FREQ=SECONDLY";
      CHECK(contains(s, from_unix_ms(id_ms + 7000)) == every_second);
    }
  }
}

TEST_CASE("sub-daily COUNT: a window far from DTSTART counts by days and equals the replay (generated)",
          "[expand][sub-daily][count]") {
  // occurrence_iterator(s) replays from DTSTART; expand(s, window) skips ahead by counting
  // the instances before the window day by day (count_index.hpp). They must agree.
  rule_maker make{std::mt19937(62)};
  int compared = 0;
  for (int i = 0; i < 150; ++i) {
    std::string rule = make.sub_daily();
    rule += ";COUNT=" + std::to_string(make.pick(300, 3000));
    const char* zone = make.pick(0, 1) ? "America/New_York" : "UTC";
    const series s = make_test_series(rule, "2026-0" + std::to_string(make.pick(1, 9)) + "-0" +
                                                std::to_string(make.pick(1, 9)) + "T0" + std::to_string(make.pick(0, 9)) +
                                                ":17:29Z",
                                      std::string(zone), 0, gap_policy::shift_forward, true);
    std::vector<std::int64_t> all;
    ms_cursor it(s);
    for (std::int64_t ms = 0; it.next(ms);) all.push_back(ms);
    if (all.size() < 10) continue;
    INFO(rule << " in " << zone << ", " << all.size() << " occurrences");
    const std::size_t a = static_cast<std::size_t>(make.pick(1, static_cast<int>(all.size()) - 2));
    const std::size_t b = std::min(all.size() - 1, a + static_cast<std::size_t>(make.pick(0, 40)));
    const window w = window_ms(all[a], all[b]);
    const std::vector<std::int64_t> expected(all.begin() + static_cast<std::ptrdiff_t>(a),
                                             all.begin() + static_cast<std::ptrdiff_t>(b) + 1);
    CHECK(expand_ms(s, w) == expected);
    CHECK(contains(s, from_unix_ms(all[a])));
    CHECK_FALSE(contains(s, from_unix_ms(all.back() + 1000)));
    ++compared;
  }
  CHECK(compared > 60);
}

TEST_CASE("sub-daily COUNT: a huge COUNT far from DTSTART costs days, not periods", "[expand][sub-daily][count][bounded]") {
  // Found by fuzz_expand: SECONDLY in February from year 1, a window 43 years on, COUNT two
  // billion. Replaying cost 104 million periods; counting costs one check per day.
  const series s = make_test_series("FREQ=SECONDLY;COUNT=2020261100;BYMONTH=2", "0001-02-01T00:00:00Z", std::nullopt);
  const std::int64_t from = unix_ms(*parse_iso8601("0044-02-10T00:00:00Z").value().as_written());
  ms_cursor it(s, window_ms(from, from + 10'000));
  std::int64_t ms = 0;
  while (it.next(ms) && ms < from) {
  }
  CHECK(ms == from);
  CHECK(it.work() <= 3);
  // 43 Februaries of 28 or 29 days (years 4, 8, ..., 40 are leap years in the proleptic
  // Gregorian calendar: 10 of them) and 9 days of year 44: the instance count before `from`.
  const std::int64_t before = (43 * 28 + 10 + 9) * std::int64_t{86400};
  const series short_count =
      make_test_series("FREQ=SECONDLY;COUNT=" + std::to_string(before) + ";BYMONTH=2", "0001-02-01T00:00:00Z", std::nullopt);
  CHECK_FALSE(contains(short_count, from_unix_ms(from)));         // the series ended one second before
  CHECK(contains(short_count, from_unix_ms(from - 1000)));         // its last occurrence
}
