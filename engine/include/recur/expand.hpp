/// @file
/// recur/expand.hpp: the occurrences of a series, lazily or collected, and their instance ids.
///
/// The recurrence set is RFC 5545 3.8.5: DTSTART (always the first occurrence, counted by
/// COUNT even when it does not match the rule) and the rule's instances up to COUNT or UNTIL
/// (inclusive), plus RDATE values, minus EXDATE values; an instant is listed once. COUNT is
/// applied before EXDATE, so excluded instances use up the count.
///
/// A window selects occurrences by overlap:
///     an occurrence [s, s + d) overlaps [from, to] when s <= to and s + d > from;
///     a zero-length one when from <= s <= to.
///
///     for (recur::instant start : recur::occurrences(s, {from, to})) ...      // lazy, ascending
///     auto ids = recur::instance_ids(s, "masterId", {from, to});              // collected
///
/// `occurrences` never materialises the series: it works with range-for and the standard
/// algorithms, and an endless series may be walked as far as the caller likes. The collecting
/// calls (`expand`, `instance_ids`) refuse an endless series without a window end (error
/// unbounded) and stop at a documented limit. Rules without COUNT start the search at the
/// window (cost independent of the series' age); rules with COUNT are counted from DTSTART,
/// skipping ahead where the count can be computed (sub-daily and day-level patterns).
///
/// Thread safety: a range or an occurrence_iterator is used by one thread; any number of them
/// may read one series on any threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "recur/export.hpp"
#include "recur/instance_id.hpp"
#include "recur/series.hpp"

namespace recur {

struct window {
  instant from = instant::min();
  instant to = instant::max();
};

/// True when an occurrence starting at `start` and lasting `duration` overlaps w.
constexpr bool overlaps(instant start, milliseconds duration, window w) noexcept {
  if (start > w.to) return false;
  if (start >= w.from) return true;
  /// Started before the window: still running at `from`? The unsigned difference is exact
  /// because from > start, so no overflow whatever the bounds.
  return duration.count() > 0 &&
         static_cast<std::uint64_t>(unix_ms(w.from)) - static_cast<std::uint64_t>(unix_ms(start)) <
             static_cast<std::uint64_t>(duration.count());
}

/// Whether an iterator removes EXDATE values (the recurrence set) or keeps them (the rule's
/// own instances plus RDATEs; validation uses it to tell "excluded" from "not on the rule").
enum class exdates { apply, ignore };

/// The low-level cursor under `occurrences`: every occurrence start in ascending order.
class RECUR_EXPORT occurrence_iterator {
 public:
  /// Yields every occurrence of the series from DTSTART on.
  explicit occurrence_iterator(const series& s);
  /// Yields at least every occurrence starting at or after `earliest` (and maybe some before
  /// it); skips the periods before it when the rule has no COUNT.
  occurrence_iterator(const series& s, instant earliest, exdates mode = exdates::apply);
  /// For a window query: yields every occurrence that overlaps `w` (and maybe some around it),
  /// skipping ahead to it and stopping the search after it.
  occurrence_iterator(const series& s, window w);
  ~occurrence_iterator();
  occurrence_iterator(occurrence_iterator&&) noexcept;
  occurrence_iterator& operator=(occurrence_iterator&&) noexcept;

  /// The next occurrence start, or false when the series has ended.
  bool next(instant& start);

  /// Stop looking once the rule's wall clock has passed `latest` (plus two days of slack for
  /// offset changes): a window query then costs its window even for rules whose next match is
  /// years away. Occurrences after `latest` may or may not still be yielded.
  void stop_after(instant latest);

  /// Rule periods examined so far (a work counter for bounded-cost tests).
  std::uint64_t work() const noexcept;

 private:
  struct state;
  std::unique_ptr<state> state_;
};

/// The occurrences of a series that overlap a window, ascending, generated as the loop asks.
/// An input range: its iterators share the range's position. It holds a copy of the series.
class RECUR_EXPORT occurrence_range {
 public:
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = instant;
    using difference_type = std::ptrdiff_t;
    using pointer = const instant*;
    using reference = const instant&;

    iterator() = default;  ///< the end
    reference operator*() const { return range_->current_; }
    pointer operator->() const { return &range_->current_; }
    iterator& operator++() {
      if (!range_->advance()) range_ = nullptr;
      return *this;
    }
    struct postfix {
      instant value;
      instant operator*() const { return value; }
    };
    postfix operator++(int) {
      const postfix before{**this};
      ++*this;
      return before;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.range_ == b.range_; }
    friend bool operator!=(const iterator& a, const iterator& b) { return a.range_ != b.range_; }

   private:
    friend class occurrence_range;
    explicit iterator(occurrence_range* range) : range_(range) {}
    occurrence_range* range_ = nullptr;
  };

  occurrence_range(series s, window w);
  occurrence_range(occurrence_range&&) noexcept = default;
  occurrence_range& operator=(occurrence_range&&) noexcept = default;

  iterator begin();
  iterator end() { return iterator{}; }

  /// Rule periods examined so far (a work counter for bounded-cost tests).
  std::uint64_t work() const noexcept { return cursor_.work(); }

 private:
  bool advance();  // to the next occurrence in the window; false (and has_current_ false) at the end

  series series_;
  window window_;
  occurrence_iterator cursor_;
  instant current_{};
  bool started_ = false, has_current_ = false;
};

RECUR_EXPORT occurrence_range occurrences(const series& s, window w = {});

/// The default bound on occurrences one collecting call gathers (a documented limit: pass a
/// larger `limit` to raise it); `expansion::truncated` says when it cut the result.
constexpr std::size_t default_max_occurrences = 10'000'000;

struct expansion {
  std::vector<instant> starts;  ///< ascending
  bool truncated = false;       ///< `limit` stopped the expansion before the window's end
};

/// Occurrences overlapping `w`, at most `limit` of them. Error unbounded when the series has no
/// end (no COUNT or UNTIL) and neither has the window.
RECUR_EXPORT result<expansion> expand(const series& s, window w, std::size_t limit = default_max_occurrences);

/// The instance ids (masterId_startMillis_durationSeconds) of the occurrences overlapping `w`,
/// ascending, at most `limit` of them (more is error limit_exceeded). Errors: unbounded as for
/// expand; bad_time when the duration is not whole seconds (ids carry seconds).
RECUR_EXPORT result<std::vector<std::string>> instance_ids(const series& s, std::string_view master_id, window w,
                                                           std::size_t limit = default_max_occurrences);

}  // namespace recur
