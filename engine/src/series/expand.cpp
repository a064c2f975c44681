// The recurrence set: DTSTART + rule instances (COUNT / UNTIL), reordered where DST gaps
// shift instants, merged with RDATEs, minus EXDATEs, each instant once. The general path
// takes one candidate at a time; a series without RDATEs converts the generator's runs a
// block at a time where nothing but an offset applies (fill_block), and the tests compare
// the two on generated series.
#include "recur/expand.hpp"

#include <algorithm>
#include <limits>

#include "recur/instance_id.hpp"
#include "series/series_data.hpp"
#include "time/zone_seconds.hpp"

namespace recur {
namespace {
constexpr std::int64_t ms_per_second = 1000;

// Wall times reach instants through the offsets in force around them; a gap-shifted time
// uses the offset before the gap, which ended under a day earlier. Four days either side
// cover both.
constexpr std::int64_t reach_s = 4 * seconds_per_day;

// The earliest wall time whose instant can be at or after utc_s.
civil_seconds earliest_wall_time_reaching(const zone& z, std::int64_t utc_s) {
  return civil_seconds{utc_s + detail::zone_seconds::offsets_between(z, utc_s - reach_s, utc_s + reach_s).least};
}

// The latest wall time whose instant can be at or before utc_s.
civil_seconds latest_wall_time_reaching(const zone& z, std::int64_t utc_s) {
  return civil_seconds{utc_s + detail::zone_seconds::offsets_between(z, utc_s - reach_s, utc_s + reach_s).most};
}

struct candidate {
  std::int64_t ms;
  civil_seconds local;  // for VALUE=DATE exclusions (its day is found only when a series has them)
  bool shifted;            // a gap time moved forward: may come out of order
};
}  // namespace

struct occurrence_iterator::state {
  const detail::series_data& s;
  detail::rule_generator generator;
  zone_converter converter;

  bool dtstart_done = false;
  bool rule_done = false;
  std::uint64_t counted = 0;  // rule-level instances so far, DTSTART included

  // Gap-shifted instants wait in `held` until a regular instant proves nothing earlier can come.
  std::vector<candidate> held, ready;
  std::size_t ready_pos = 0;

  bool have_peek = false;
  candidate peek{};
  std::size_t rdate_pos = 0, exdate_pos = 0;
  bool emitted_any = false;
  std::int64_t last_ms = 0;
  bool apply_exdates = true;
  bool dtstart_first;  // dtstart_policy::always_first
  // Read once: the hot path tests these per occurrence.
  const std::size_t rdate_count;
  const bool has_exdates;
  candidate from_rdate{};
  const std::uint64_t count_limit;  // COUNT, or no limit
  const std::int64_t until_limit;   // UNTIL in ms, or no limit

  // Occurrences converted a run at a time (fill_block), listed from block_pos to block_end.
  static constexpr std::size_t block_capacity = 64;
  std::int64_t block[block_capacity];
  std::size_t block_pos = 0, block_end = 0;

  explicit state(const detail::series_data& ser)
      : s(ser),
        generator(*ser.compiled_rule),
        converter(ser.tz),
        dtstart_first(ser.options.dtstart == dtstart_policy::always_first),
        rdate_count(ser.rdate_ms.size()),
        has_exdates(!ser.exdate_ms.empty() || !ser.exdate_days.empty()),
        count_limit(ser.rec.rule.count.value_or(std::numeric_limits<std::uint64_t>::max())),
        until_limit(ser.until_ms.value_or(std::numeric_limits<std::int64_t>::max())) {
    // UNTIL ends the search at the first period after it, matched or not.
    if (ser.until_ms) generator.set_horizon(latest_wall_time_reaching(ser.tz, floor_div(*ser.until_ms, ms_per_second)));
  }

  // DTSTART (unless only rule instances count), then rule instances in civil order, with
  // COUNT and UNTIL applied.
  bool rule_next(candidate& c) {
    if (!dtstart_done) {
      dtstart_done = true;
      if (dtstart_first && count_limit > 0) {
        ++counted;
        c = candidate{s.dtstart_ms, s.dtstart_local, false};
        return true;
      }
    }
    while (!rule_done) {
      if (counted >= count_limit) break;
      civil_seconds local;
      if (!generator.next(local)) break;
      if (dtstart_first && local == s.dtstart_local) continue;  // DTSTART matched the rule: already listed
      std::int64_t utc = 0;
      bool shifted = false;
      if (!detail::zone_seconds::to_utc(converter, local, s.options.gaps, s.options.overlaps, utc, shifted)) continue;  // gap_policy::skip
      const std::int64_t ms = utc * ms_per_second + s.sub_second_ms;
      if (ms > until_limit) {
        if (shifted) continue;  // a shifted instant can pass UNTIL while later wall times do not
        break;
      }
      ++counted;
      c = candidate{ms, local, shifted};
      return true;
    }
    rule_done = true;
    return false;
  }

  // Rule instants in ascending instant order.
  bool ordered_next(candidate& out) {
    while (true) {
      if (ready_pos < ready.size()) {
        out = ready[ready_pos++];
        return true;
      }
      ready.clear();
      ready_pos = 0;
      // Written straight into `out`: the common case returns it as it is (a copy through the
      // stack costs a store-forwarding stall per occurrence).
      if (!rule_next(out)) {
        if (held.empty()) return false;
        ready.swap(held);
        continue;
      }
      if (!out.shifted && held.empty()) return true;  // the common case: nothing waits
      const candidate c = out;
      if (c.shifted) {
        const auto at = std::upper_bound(held.begin(), held.end(), c.ms,
                                         [](std::int64_t ms, const candidate& h) { return ms < h.ms; });
        held.insert(at, c);
        continue;
      }
      // Regular instants are increasing, and later shifted ones come after this one.
      auto end = held.begin();
      while (end != held.end() && end->ms <= c.ms) ++end;
      ready.insert(ready.end(), held.begin(), end);
      held.erase(held.begin(), end);
      ready.push_back(c);
    }
  }

  // Whether the next candidate in instant order is listed: not the instant just listed, not
  // excluded.
  bool listed(const candidate& c) {
    if (emitted_any && c.ms == last_ms) return false;  // the same instant twice
    emitted_any = true;
    last_ms = c.ms;
    return !(apply_exdates && excluded(c));
  }

  // next() for a series without RDATEs: the rule's instants, nothing to merge; a block at a
  // time where fill_block can, else one by one.
  bool next_without_rdates(std::int64_t& out) {
    while (block_pos == block_end)
      if (fill_block() == 0) break;
    if (block_pos < block_end) {
      out = block[block_pos++];
      return true;
    }
    candidate c;
    while (ordered_next(c))
      if (listed(c)) {
        out = c.ms;
        return true;
      }
    return false;
  }

  // The common case in one pass: the generator's current run of wall times, as far as they
  // lie in the converter's cached span (one offset: no gap, no overlap, nothing shifted),
  // within COUNT and UNTIL, listed as listed() would list them, into `block`. The rest (a
  // time outside the span, a period to fill, instants waiting to be ordered, VALUE=DATE
  // exclusions) is left to rule_next and ordered_next. Returns the wall times it took.
  std::size_t fill_block() {
    block_pos = block_end = 0;
    std::int64_t base = 0;
    const std::int64_t* offsets = nullptr;
    const std::size_t n = generator.pending(base, offsets);  // none for a rule of one instance a period
    if (n == 0 || !dtstart_done || rule_done || !held.empty() || ready_pos < ready.size()) return 0;
    if (apply_exdates && !s.exdate_days.empty()) return 0;
    // The loop reads and counts in locals: the block's stores could alias members.
    const auto span = detail::zone_seconds::cached_span(converter);
    const std::int64_t sub_ms = s.sub_second_ms, until = until_limit;
    const bool exclude = apply_exdates && has_exdates;
    const std::uint64_t count_left = counted < count_limit ? count_limit - counted : 0;
    const std::size_t most = static_cast<std::size_t>(std::min<std::uint64_t>({n, block_capacity, count_left}));
    auto instant_of = [&](std::int64_t local) { return (local - span.offset) * ms_per_second + sub_ms; };
    std::size_t taken = 0, end = 0;
    for (; taken < most; ++taken) {
      const std::int64_t local = base + offsets[taken];
      if (local < span.lo || local >= span.hi) break;
      const std::int64_t ms = instant_of(local);
      if (ms > until) break;
      if (!(exclude && excluded_instant(ms))) block[end++] = ms;
    }
    if (taken > 0) {
      // In one span instants rise with wall times, and rule_next took DTSTART's own instance
      // (always the generator's first): none of these repeats the instant listed last.
      counted += taken;
      emitted_any = true;
      last_ms = instant_of(base + offsets[taken - 1]);
    }
    block_end = end;
    generator.take(taken);
    return taken;
  }

  bool excluded(const candidate& c) {
    if (!has_exdates) return false;
    if (excluded_instant(c.ms)) return true;
    return !s.exdate_days.empty() && std::binary_search(s.exdate_days.begin(), s.exdate_days.end(), day_number(c.local));
  }

  // Whether an EXDATE names this instant; instants are asked in ascending order.
  bool excluded_instant(std::int64_t ms) {
    while (exdate_pos < s.exdate_ms.size() && s.exdate_ms[exdate_pos] < ms) ++exdate_pos;
    return exdate_pos < s.exdate_ms.size() && s.exdate_ms[exdate_pos] == ms;
  }

  bool next(std::int64_t& out) {
    if (rdate_count == 0) return next_without_rdates(out);
    while (true) {
      if (!have_peek) have_peek = ordered_next(peek);
      const bool have_rdate = rdate_pos < rdate_count;
      if (!have_peek && !have_rdate) return false;
      const candidate* taken = &peek;
      if (have_peek && (!have_rdate || peek.ms <= s.rdate_ms[rdate_pos])) {
        have_peek = false;
      } else {
        const std::int64_t ms = s.rdate_ms[rdate_pos++];
        from_rdate = candidate{ms, detail::zone_seconds::to_local(converter, floor_div(ms, ms_per_second)), false};
        taken = &from_rdate;
      }
      if (!listed(*taken)) continue;
      out = taken->ms;
      return true;
    }
  }
};

occurrence_iterator::occurrence_iterator(const series& s) : state_(std::make_unique<state>(detail::data_of(s))) {}

occurrence_iterator::occurrence_iterator(const series& ser, instant earliest, exdates mode)
    : occurrence_iterator(ser) {
  const detail::series_data& s = state_->s;
  const std::int64_t earliest_ms = unix_ms(earliest);
  state_->apply_exdates = mode == exdates::apply;
  if (earliest_ms <= s.dtstart_ms) return;
  // No wall time before the target reaches earliest_ms: a point query starts at its instant.
  const civil_seconds target = earliest_wall_time_reaching(s.tz, floor_div(earliest_ms, ms_per_second));
  if (!s.rec.rule.count) {
    state_->generator.seek(target);
    return;
  }
  // COUNT: skip ahead only where instances before the target can be counted without
  // generating them (count_index.hpp); a small COUNT is cheaper to replay. gap_policy::skip
  // drops instances by zone, which the civil pattern does not know, so it replays too.
  constexpr std::uint64_t replay_below = 256;
  if (*s.rec.rule.count < replay_below || s.options.gaps == gap_policy::skip) return;
  const detail::count_index* index = detail::count_index_of(s);
  if (!index) return;
  detail::rule_generator scratch = *s.compiled_rule;
  const std::int64_t k = state_->generator.seek(target);
  // The periods before k hold the rule's instances; DTSTART counts once, and when it is always
  // the first occurrence rule_next adds it.
  const bool dtstart_counted_twice = state_->dtstart_first && k > 0 && index->dtstart_on_rule();
  state_->counted = index->instances_before_period(scratch, k) - (dtstart_counted_twice ? 1 : 0);
}

occurrence_iterator::occurrence_iterator(const series& s, window w)
    : occurrence_iterator(s, w.from > instant::min() + s.duration()
                                 ? w.from - s.duration()  // an occurrence that started earlier may still run
                                 : w.from) {
  stop_after(w.to);
}

occurrence_iterator::~occurrence_iterator() = default;
occurrence_iterator::occurrence_iterator(occurrence_iterator&&) noexcept = default;
occurrence_iterator& occurrence_iterator::operator=(occurrence_iterator&&) noexcept = default;

// flatten: the whole per-occurrence path (merge, order, COUNT/UNTIL, zone) compiled as one.
__attribute__((flatten)) bool occurrence_iterator::next(instant& start) {
  std::int64_t ms = 0;
  if (!state_->next(ms)) return false;
  start = from_unix_ms(ms);
  return true;
}

void occurrence_iterator::stop_after(instant latest) {
  const std::int64_t latest_ms = unix_ms(latest);
  if (latest_ms > std::numeric_limits<std::int64_t>::max() / 2) return;
  state_->generator.set_horizon(latest_wall_time_reaching(state_->s.tz, floor_div(latest_ms, ms_per_second)));
}

std::uint64_t occurrence_iterator::work() const noexcept { return state_->generator.periods_examined(); }

occurrence_range::occurrence_range(series s, window w) : series_(std::move(s)), window_(w), cursor_(series_, w) {}

bool occurrence_range::advance() {
  instant start;
  has_current_ = false;
  while (!has_current_ && cursor_.next(start) && start <= window_.to) {
    current_ = start;
    has_current_ = overlaps(start, series_.duration(), window_);
  }
  return has_current_;
}

occurrence_range::iterator occurrence_range::begin() {
  if (!started_) {
    started_ = true;
    advance();
  }
  return has_current_ ? iterator{this} : iterator{};
}

occurrence_range occurrences(const series& s, window w) { return occurrence_range(s, w); }

namespace {
status check_bounded(const series& s, window w) {
  if (s.finite() || w.to != instant::max()) return success();
  return make_error(error_code::unbounded,
                    "the rule has no COUNT or UNTIL, so the series never ends: give the window an end");
}
}  // namespace

result<expansion> expand(const series& s, window w, std::size_t limit) {
  if (auto bounded = check_bounded(s, w); !bounded) return bounded.err();
  expansion out;
  for (instant start : occurrences(s, w)) {
    if (out.starts.size() == limit) {
      out.truncated = true;
      break;
    }
    out.starts.push_back(start);
  }
  return out;
}

result<std::vector<std::string>> instance_ids(const series& s, std::string_view master_id, window w,
                                              std::size_t limit) {
  if (auto bounded = check_bounded(s, w); !bounded) return bounded.err();
  const seconds duration = std::chrono::duration_cast<seconds>(s.duration());
  if (duration != s.duration())
    return make_error(error_code::bad_time, "the duration is not whole seconds, which instance ids carry");
  std::vector<std::string> ids;
  for (instant start : occurrences(s, w)) {
    if (ids.size() == limit)
      return make_error(error_code::limit_exceeded, "more than " + std::to_string(limit) +
                                                        " occurrences in the window (the limit): narrow the window");
    ids.push_back(format_instance_id(master_id, start, duration));
  }
  return ids;
}

}  // namespace recur
