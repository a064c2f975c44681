// recur/expand.hpp: lazy expansion of a series into occurrence start instants.
//
// The recurrence set is RFC 5545 3.8.5: DTSTART (always the first occurrence, counted by
// COUNT even when it does not match the rule) and the rule's instances up to COUNT or UNTIL
// (inclusive), plus RDATE values, minus EXDATE values; an instant is listed once. COUNT is
// applied before EXDATE, so excluded instances use up the count.
//
// `occurrence_iterator` yields starts (UTC epoch ms) in ascending order without materialising
// the series. `expand` collects those that overlap a window:
//     an occurrence [s, s + d) overlaps [from, to] when s <= to and s + d > from;
//     a zero-length one when from <= s <= to.
// Rules without COUNT start the search at the window (cost independent of the series' age);
// rules with COUNT are counted from DTSTART.
//
// Thread safety: an iterator is used by one thread; it reads its series, which must outlive it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "recur/series.hpp"

namespace recur {

struct window {
  std::int64_t from_ms = std::numeric_limits<std::int64_t>::min();
  std::int64_t to_ms = std::numeric_limits<std::int64_t>::max();
};

// True when an occurrence starting at start_ms with the given duration overlaps w.
constexpr bool overlaps(std::int64_t start_ms, std::int64_t duration_ms, window w) noexcept {
  if (start_ms > w.to_ms) return false;
  if (start_ms >= w.from_ms) return true;
  // Started before the window: still running at from_ms? The unsigned difference is exact
  // because from_ms > start_ms, so no overflow whatever the bounds.
  return duration_ms > 0 &&
         static_cast<std::uint64_t>(w.from_ms) - static_cast<std::uint64_t>(start_ms) <
             static_cast<std::uint64_t>(duration_ms);
}

// Whether an iterator removes EXDATE values (the recurrence set) or keeps them (the rule's
// own instances plus RDATEs; validation uses it to tell "excluded" from "not on the rule").
enum class exdates { apply, ignore };

class occurrence_iterator {
 public:
  // Yields every occurrence of the series from DTSTART on.
  explicit occurrence_iterator(const series& s);
  // Yields at least every occurrence starting at or after `earliest_ms` (and maybe some
  // before it); skips the periods before it when the rule has no COUNT.
  occurrence_iterator(const series& s, std::int64_t earliest_ms, exdates mode = exdates::apply);
  // For a window query: yields every occurrence that overlaps `w` (and maybe some around it),
  // skipping ahead to it and stopping the search after it.
  occurrence_iterator(const series& s, window w);
  ~occurrence_iterator();
  occurrence_iterator(occurrence_iterator&&) noexcept;
  occurrence_iterator& operator=(occurrence_iterator&&) noexcept;

  // The next occurrence start, or false when the series has ended.
  bool next(std::int64_t& start_ms);

  // Stop looking once the rule's wall clock has passed latest_ms (plus two days of slack for
  // offset changes): a window query then costs its window even for rules whose next match is
  // years away. Occurrences after latest_ms may or may not still be yielded.
  void stop_after(std::int64_t latest_ms);

  // Rule periods examined so far (a work counter for bounded-cost tests).
  std::uint64_t work() const noexcept;

 private:
  struct state;
  std::unique_ptr<state> state_;
};

// The default bound on occurrences one expand() call collects (a documented limit: pass a
// larger `limit` to raise it); `expansion::truncated` says when it cut the result.
constexpr std::size_t default_max_occurrences = 10'000'000;

struct expansion {
  std::vector<std::int64_t> starts_ms;  // ascending
  bool truncated = false;               // `limit` stopped the expansion before the window's end
};

// Occurrences overlapping `w`, at most `limit` of them.
expansion expand(const series& s, window w, std::size_t limit = default_max_occurrences);

}  // namespace recur
