#include "recur/schedule.hpp"

#include <algorithm>
#include <map>
#include <queue>
#include <unordered_map>

#include "recur/instance_id.hpp"
#include "recur/event_series.hpp"
#include "base/text.hpp"

namespace recur {

std::vector<std::string> keys_of(const event& e, key_kind by) {
  std::vector<std::string> keys = by == key_kind::person ? e.people : by == key_kind::calendar ? e.calendars : e.resources;
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
  return keys;
}

std::vector<busy_source> busy_sources(const std::vector<event>& events, const zone& tz, key_kind by,
                                      std::vector<std::string>& notes, const interpretation& how) {
  std::vector<busy_source> out;
  std::map<std::string, std::size_t> master_index;
  for (const event& e : events) {
    if (!e.is_master()) continue;
    if (!e.problems.empty()) {
      notes.push_back("master '" + e.id + "' left out: " + e.problems.front());
      continue;
    }
    auto s = series_of(e, tz, how);
    if (!s) {
      notes.push_back(s.err().message + "; left out");
      continue;
    }
    busy_source b;
    b.id = e.id;
    b.recurring = std::move(s.value());
    b.keys = keys_of(e, by);
    master_index[e.id] = out.size();
    out.push_back(std::move(b));
  }
  for (const event& e : events) {
    if (e.is_master()) continue;
    if (!e.series_id.empty()) {  // an instance: only its cancellation matters here
      if (!e.cancelled) continue;
      const auto id = parse_instance_id(e.id);
      const auto m = master_index.find(e.series_id);
      if (id && m != master_index.end()) out[m->second].cancelled_starts.push_back(id->start);
      continue;
    }
    if (e.cancelled) continue;
    if (!e.problems.empty() || !e.start || !e.end) {
      notes.push_back("event '" + e.id + "' left out: " + (e.problems.empty() ? "no times" : e.problems.front()));
      continue;
    }
    busy_source b;
    b.id = e.id;
    b.start = *e.start;
    b.end = std::max(*e.end, *e.start);
    b.keys = keys_of(e, by);
    out.push_back(std::move(b));
  }
  for (busy_source& b : out) std::sort(b.cancelled_starts.begin(), b.cancelled_starts.end());
  return out;
}

namespace {

// One source's occurrences overlapping the window, in order, cancelled ones skipped.
class source_cursor {
 public:
  source_cursor(const busy_source& b, window w) : source_(&b), window_(w) {
    if (b.recurring) {
      occurrences_.emplace(*b.recurring, w);
      duration_ = b.recurring->duration();
    }
  }

  bool next(interval& out) {
    if (!source_->recurring) {
      if (done_) return false;
      done_ = true;
      out = {source_->start, source_->end};
      return overlaps(out.start, out.end - out.start, window_);
    }
    if (pos_ == count_ && !refill()) return false;
    const instant at = ahead_[pos_++];
    out = {at, at + duration_};
    return true;
  }

  // The next few occurrences at once: a sweep over thousands of series touches each series'
  // iterator once per batch, not once per occurrence (its state then stays in cache).
  bool refill() {
    pos_ = count_ = 0;
    // begin() is the range's current position (cursors move in a vector, so no iterator is kept).
    for (auto it = occurrences_->begin(); count_ < ahead_.size() && it != occurrences_->end();) {
      const instant at = *it;
      ++it;
      if (!std::binary_search(source_->cancelled_starts.begin(), source_->cancelled_starts.end(), at))
        ahead_[count_++] = at;
    }
    return count_ > 0;
  }

  std::string id_of(const interval& i) const {
    return source_->recurring
               ? format_instance_id(source_->id, i.start, std::chrono::duration_cast<seconds>(duration_))
               : source_->id;
  }

 private:
  const busy_source* source_;
  window window_;
  std::optional<occurrence_range> occurrences_;
  milliseconds duration_{0};
  bool done_ = false;
  std::array<instant, 16> ahead_{};  // occurrences taken from the range, not yet served
  std::size_t pos_ = 0, count_ = 0;
};

struct merged_occurrence {
  interval when;
  std::size_t source;
};

// Merges the sources' streams in start order and hands each occurrence to `visit`.
template <class Visit>
void sweep(const std::vector<const busy_source*>& sources, window w, std::vector<source_cursor>& cursors, Visit&& visit) {
  cursors.clear();
  cursors.reserve(sources.size());
  using entry = std::pair<interval, std::size_t>;
  auto later = [](const entry& a, const entry& b) {
    return a.first.start != b.first.start ? a.first.start > b.first.start : a.second > b.second;
  };
  std::priority_queue<entry, std::vector<entry>, decltype(later)> heap(later);
  for (std::size_t i = 0; i < sources.size(); ++i) {
    cursors.emplace_back(*sources[i], w);
    interval first;
    if (cursors.back().next(first)) heap.push({first, i});
  }
  while (!heap.empty()) {
    const entry top = heap.top();
    heap.pop();
    if (!visit(merged_occurrence{top.first, top.second})) return;  // the visitor has seen enough
    interval following;
    if (cursors[top.second].next(following)) heap.push({following, top.second});
  }
}

void conflict_sweep(const std::vector<const busy_source*>& sources, window w, std::optional<std::size_t> candidate,
                    const std::function<void(const conflict&)>& found) {
  // Key values as small numbers, each source's found once: the sweep then indexes, where a
  // lookup by text per occurrence cost a third of it.
  std::unordered_map<std::string_view, std::size_t> key_number;
  std::vector<std::string_view> key_names;
  std::vector<std::vector<std::size_t>> keys_of(sources.size());
  for (std::size_t i = 0; i < sources.size(); ++i)
    for (const std::string& key : sources[i]->keys) {
      const auto [at, fresh] = key_number.emplace(key, key_names.size());
      if (fresh) key_names.push_back(key);
      keys_of[i].push_back(at->second);
    }
  std::vector<source_cursor> cursors;
  std::vector<std::vector<merged_occurrence>> active(key_names.size());  // per key: occurrences still running
  sweep(sources, w, cursors, [&](const merged_occurrence& o) {
    for (const std::size_t k : keys_of[o.source]) {
      const std::string_view key = key_names[k];
      auto& running = active[k];
      running.erase(std::remove_if(running.begin(), running.end(),
                                   [&](const merged_occurrence& r) { return r.when.end <= o.when.start; }),
                    running.end());
      for (const merged_occurrence& r : running) {
        if (candidate && (r.source == *candidate) == (o.source == *candidate)) continue;
        const instant from = std::max({o.when.start, r.when.start, w.from});
        const instant to = std::min({o.when.end, r.when.end, w.to});
        if (from >= to) continue;
        found(conflict{cursors[r.source].id_of(r.when), cursors[o.source].id_of(o.when), std::string(key), from, to});
      }
      if (o.when.end > o.when.start) running.push_back(o);
    }
    return true;
  });
}

std::vector<const busy_source*> pointers(const std::vector<busy_source>& sources) {
  std::vector<const busy_source*> out;
  for (const busy_source& s : sources) out.push_back(&s);
  return out;
}

}  // namespace

void find_conflicts(const std::vector<busy_source>& sources, window w, const std::function<void(const conflict&)>& found) {
  conflict_sweep(pointers(sources), w, std::nullopt, found);
}

std::vector<conflict> conflicts(const std::vector<busy_source>& sources, window w) {
  std::vector<conflict> out;
  find_conflicts(sources, w, [&](const conflict& c) { out.push_back(c); });
  return out;
}

std::vector<conflict> would_conflict(const busy_source& candidate, const std::vector<busy_source>& existing, window w) {
  std::vector<const busy_source*> all = pointers(existing);
  all.push_back(&candidate);
  std::vector<conflict> out;
  conflict_sweep(all, w, all.size() - 1, [&](const conflict& c) { out.push_back(c); });
  return out;
}

result<working_hours> parse_working_hours(std::string_view text, const zone& tz) {
  static const char* names[7] = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
  working_hours out;
  out.tz = tz;
  const auto bad = [&](std::string_view piece, const char* why) {
    return make_error(error_code::bad_value, "working hours " + text::quote(piece) + ": " + why +
                                                 " (expected e.g. 'Mon-Fri 09:00-17:00; Sat 10:00-12:00')");
  };
  auto day_of = [&](std::string_view d) -> int {
    for (int i = 0; i < 7; ++i)
      if (text::iequals(d.substr(0, 3), names[i]) && d.size() >= 3) return i;
    return -1;
  };
  auto minutes_of = [](std::string_view t) -> int {
    if (t.size() != 5 || t[2] != ':' || !text::is_digit(t[0]) || !text::is_digit(t[1]) || !text::is_digit(t[3]) ||
        !text::is_digit(t[4]))
      return -1;
    const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
    return (h <= 24 && m < 60 && h * 60 + m <= 1440) ? h * 60 + m : -1;
  };
  bool any = false;
  text::pieces groups(text, ';');
  for (std::string_view piece; groups.next(piece);) {
    const std::string_view group = text::trim(piece);
    if (group.empty()) continue;
    const std::size_t space = group.find(' ');
    if (space == std::string_view::npos) return bad(group, "needs days and a time range");
    const std::string_view days = group.substr(0, space), range = text::trim(group.substr(space + 1));
    const std::size_t dash = range.find('-');
    if (dash == std::string_view::npos) return bad(group, "the time range is not HH:MM-HH:MM");
    const int from = minutes_of(range.substr(0, dash)), to = minutes_of(range.substr(dash + 1));
    if (from < 0 || to < 0 || from >= to) return bad(group, "the time range is not HH:MM-HH:MM with start < end");
    text::pieces items(days, ',');
    for (std::string_view item; items.next(item);) {
      const std::size_t through = item.find('-');
      const int first = day_of(item.substr(0, through));
      const int last = through == std::string_view::npos ? first : day_of(item.substr(through + 1));
      if (first < 0 || last < 0) return bad(group, "days are Mon Tue Wed Thu Fri Sat Sun, as 'Mon-Fri' or 'Mon,Wed'");
      for (int d = first;; d = (d + 1) % 7) {
        out.minutes[static_cast<std::size_t>(d)].push_back({from, to});
        if (d == last) break;
      }
    }
    any = true;
  }
  if (!any) return bad(text, "no hours given");
  for (auto& day : out.minutes) std::sort(day.begin(), day.end());
  return out;
}

namespace {

// Working intervals (instants) over the window, day by day in the hours' zone.
// Working-hour intervals in the window; false when there are more than `max` of them.
bool working_intervals(const working_hours& hours, window w, std::size_t max, std::vector<interval>& out) {
  zone_converter converter(hours.tz);
  const std::int64_t first_day = day_number(converter.to_local(w.from)) - 1;
  const std::int64_t last_day = day_number(converter.to_local(w.to)) + 1;
  for (std::int64_t day = first_day; day <= last_day; ++day) {
    for (const auto& [from, to] : hours.minutes[static_cast<std::size_t>(weekday_of(day))]) {
      const auto at = [&](int minute) { return hours.tz.resolve(civil_seconds{day * seconds_per_day + minute * 60}); };
      const interval i{std::max(at(from), w.from), std::min(at(to), w.to)};
      if (i.start >= i.end) continue;
      if (out.size() == max) return false;
      out.push_back(i);
    }
  }
  return true;
}

std::vector<interval> intersect(const std::vector<interval>& a, const std::vector<interval>& b) {
  std::vector<interval> out;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    const instant from = std::max(a[i].start, b[j].start), to = std::min(a[i].end, b[j].end);
    if (from < to) out.push_back({from, to});
    (a[i].end < b[j].end ? i : j)++;
  }
  return out;
}

}  // namespace

namespace {

error too_many(const char* what, std::size_t limit, const char* name) {
  return make_error(error_code::limit_exceeded, std::string("more than ") + std::to_string(limit) + " " + what +
                                                    " in the window (the limit " + name + "); narrow the window");
}

// Each key's busy intervals, merged as occurrences arrive in start order; an error when a key
// gets more than limits.max_intervals or the sweep more than limits.max_occurrences.
status collect_busy(const std::vector<const busy_source*>& relevant, window w,
                    const std::optional<std::string>& only_key, const schedule_limits& limits,
                    std::map<std::string, key_schedule>& by_key) {
  std::vector<source_cursor> cursors;
  std::size_t swept = 0;
  bool within = true;
  sweep(relevant, w, cursors, [&](const merged_occurrence& o) {
    if (++swept > limits.max_occurrences) return false;
    const interval clipped{std::max(o.when.start, w.from), std::min(o.when.end, w.to)};
    if (clipped.start >= clipped.end) return true;
    for (const std::string& key : relevant[o.source]->keys) {
      if (only_key && key != *only_key) continue;
      key_schedule& k = by_key[key];
      k.key = key;
      if (!k.busy.empty() && clipped.start <= k.busy.back().end) {
        k.busy.back().end = std::max(k.busy.back().end, clipped.end);
      } else if (k.busy.size() == limits.max_intervals) {
        within = false;
      } else {
        k.busy.push_back(clipped);
      }
    }
    return within;
  });
  if (swept > limits.max_occurrences)
    return too_many("occurrences", limits.max_occurrences, "schedule_limits::max_occurrences");
  if (!within) return too_many("busy intervals for one key", limits.max_intervals, "schedule_limits::max_intervals");
  return success();
}

}  // namespace

result<std::vector<key_schedule>> free_busy(const std::vector<busy_source>& sources, window w,
                                            const std::optional<working_hours>& hours,
                                            const std::optional<std::string>& only_key, schedule_limits limits) {
  std::vector<const busy_source*> relevant;
  for (const busy_source& s : sources)
    if (!only_key || std::find(s.keys.begin(), s.keys.end(), *only_key) != s.keys.end()) relevant.push_back(&s);
  std::map<std::string, key_schedule> by_key;
  if (only_key) by_key[*only_key].key = *only_key;
  if (auto done = collect_busy(relevant, w, only_key, limits, by_key); !done) return done.err();
  std::vector<interval> working;
  if (hours && !working_intervals(*hours, w, limits.max_intervals, working))
    return too_many("working-hour intervals", limits.max_intervals, "schedule_limits::max_intervals");
  std::vector<key_schedule> out;
  for (auto& [key, k] : by_key) {
    instant cursor = w.from;
    for (const interval& b : k.busy) {
      if (b.start > cursor) k.free.push_back({cursor, b.start});
      cursor = std::max(cursor, b.end);
    }
    if (cursor < w.to) k.free.push_back({cursor, w.to});
    if (hours) k.free = intersect(k.free, working);
    out.push_back(std::move(k));
  }
  return out;
}

result<std::vector<instant>> free_slots(const std::vector<interval>& free, milliseconds duration, milliseconds step,
                                        const zone& tz, std::size_t max_slots) {
  std::vector<instant> out;
  const std::int64_t duration_ms = duration.count(), step_ms = step.count();
  if (step_ms <= 0 || duration_ms <= 0) return out;
  zone_converter converter(tz);
  for (const interval& f : free) {
    // First grid point at or after the free interval's start, on the local clock.
    const std::int64_t start_ms = unix_ms(f.start), end_ms = unix_ms(f.end);
    seconds offset{};
    converter.to_local(f.start, &offset);
    const std::int64_t local_ms = start_ms + offset.count() * 1000;
    std::int64_t start = start_ms + (step_ms - floor_mod(local_ms, step_ms)) % step_ms;
    for (; start <= end_ms - duration_ms; start += step_ms) {
      if (out.size() == max_slots) return too_many("bookable slots", max_slots, "schedule_limits::max_slots");
      out.push_back(from_unix_ms(start));
    }
  }
  return out;
}

}  // namespace recur
