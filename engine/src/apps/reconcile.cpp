#include "recur/reconcile.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "recur/event_series.hpp"
#include "recur/instance_id.hpp"
#include "recur/iso8601.hpp"
#include "recur/validate.hpp"

namespace recur {

const char* to_string(category c) noexcept {
  switch (c) {
    case category::matched: return "matched";
    case category::missing: return "missing";
    case category::unexpected: return "unexpected";
    case category::moved: return "moved";
    case category::duration_mismatch: return "duration_mismatch";
    case category::duplicate: return "duplicate";
    case category::malformed: return "malformed";
    case category::orphan: return "orphan";
    case category::single: return "single";
    case category::master: return "master";
  }
  return "unknown";
}

bool reconcile_report::clean() const noexcept {
  const reconcile_summary& s = summary;
  return s.missing + s.unexpected + s.moved + s.duration_mismatch + s.duplicate + s.malformed + s.orphan == 0;
}

namespace {

struct master_entry {
  std::optional<series> s;
  std::string problem;  // why the series is unusable
  const event* row = nullptr;
};

bool same_series_text(const event& a, const event& b) {
  return a.recurrence == b.recurrence && a.start == b.start && a.end == b.end;
}

// Masters by id. A master listed twice is noted; with differing rules or times neither row
// is used (whichever came first would otherwise win, and the answer would hang on order).
std::map<std::string, master_entry> index_masters(const std::vector<event>& masters, const zone& tz,
                                                 const reconcile_options& options, std::vector<std::string>& notes) {
  std::map<std::string, master_entry> by_id;
  std::map<std::string, int> rows;
  for (const event& m : masters) {
    if (m.id.empty()) continue;
    master_entry& entry = by_id[m.id];
    ++rows[m.id];
    if (!entry.row) {
      entry.row = &m;
    } else if (!same_series_text(*entry.row, m)) {
      entry.problem = "master '" + m.id + "' is listed more than once with different rules or times";
    }
  }
  for (auto& [id, entry] : by_id) {
    if (rows[id] > 1)
      notes.push_back(entry.problem.empty() ? "master '" + id + "' is listed " + std::to_string(rows[id]) + " times"
                                            : entry.problem + "; its instances are not judged");
    if (!entry.problem.empty()) continue;
    auto s = series_of(*entry.row, tz, options.how);
    if (s) {
      entry.s = std::move(s.value());
    } else {
      entry.problem = s.err().message;
      notes.push_back(entry.problem);
    }
  }
  return by_id;
}

// (master, original start). The master is its entry in the index (stable: a std::map node),
// so keys compare and hash without touching the id's text.
using occurrence_key = std::pair<const master_entry*, instant>;

struct occurrence_hash {
  std::size_t operator()(const occurrence_key& k) const noexcept {
    return std::hash<const void*>()(k.first) * 31 + std::hash<std::int64_t>()(unix_ms(k.second));
  }
};
using standing_map = std::unordered_map<occurrence_key, std::size_t, occurrence_hash>;

// One fetched event's verdict before duplicates are settled; `occurrence` is set for a valid
// occurrence (matched, moved or duration_mismatch), the only kind that can be a duplicate.
// An instance whose id starts inside the window waits for its master's walk (`awaits`):
// whether its start is an occurrence is read off the walk, not asked of the series.
struct verdict {
  reconcile_item item;
  std::optional<occurrence_key> occurrence;
  const master_entry* awaits = nullptr;
  instance_id id;
};

verdict judge_valid(const event& e, const instance_id& id, const master_entry& master, reconcile_item item,
                    const zone& tz) {
  const series& s = *master.s;
  verdict v;
  v.item = std::move(item);
  v.occurrence = occurrence_key{&master, id.start};
  reconcile_item& out = v.item;
  out.expected_start = id.start;
  out.expected_end = id.start + s.duration();  // a valid occurrence: no overflow
  const milliseconds lasts = *e.end - *e.start;
  if (e.start != id.start) {
    out.what = category::moved;
    out.reason = "rescheduled from " + format_iso8601(id.start, tz) + " to " + format_iso8601(*e.start, tz);
  } else if (lasts != s.duration() || id.duration.count() > INT64_MAX / 1000 || id.duration != s.duration()) {
    out.what = category::duration_mismatch;
    out.reason = "lasts " + std::to_string(lasts.count() / 1000) + " s (id says " + std::to_string(id.duration.count()) +
                 " s); the series' events last " + std::to_string(s.duration().count() / 1000) + " s";
  } else {
    out.what = category::matched;
  }
  return v;
}

// An instance judged by a point query on its series: off the window, or (after a walk found no
// occurrence at its start) for the reason validate gives.
verdict judge_off_rule(const event& e, const instance_id& id, const master_entry& master, reconcile_item item,
                       const zone& tz) {
  instance_id same_length = id;
  same_length.duration = std::chrono::duration_cast<seconds>(master.s->duration());  // the length is judged later
  const validation valid = validate(*master.s, id.master, same_length);
  if (valid.valid()) return judge_valid(e, id, master, std::move(item), tz);
  verdict v;
  v.item = std::move(item);
  v.item.expected_start = id.start;
  v.item.what = category::unexpected;
  v.item.reason = std::string(to_string(valid.reason)) + ": " + valid.message;
  return v;
}

verdict judge(const event& e, std::size_t index, const std::map<std::string, master_entry>& by_id, window w,
              const zone& tz) {
  verdict v;
  reconcile_item& item = v.item;
  item.id = e.id;
  item.series_id = e.series_id;
  item.event_index = index;
  item.actual_start = e.start;
  item.actual_end = e.end;
  item.cancelled = e.cancelled;
  auto land = [&](category c, std::string reason) {
    item.what = c;
    item.reason = std::move(reason);
    return v;
  };
  if (!e.problems.empty()) {
    std::string reason;
    for (const std::string& p : e.problems) reason += (reason.empty() ? "" : "; ") + p;
    return land(category::malformed, reason);
  }
  const auto parsed = parse_instance_id(e.id);
  if (e.is_master() && !parsed) return land(category::master, "a master row (has a recurrence rule)");
  const bool instance = !e.series_id.empty() || e.recurring.value_or(false);
  if (!instance) return land(category::single, "not a recurring event");
  if (!parsed) return land(category::malformed, "recurring instance whose id does not read: " + parsed.err().message);
  const instance_id& id = parsed.value();
  item.series_id = e.series_id.empty() ? id.master : e.series_id;
  if (!e.series_id.empty() && e.series_id != id.master)
    return land(category::unexpected,
                "the id names master '" + id.master + "' but its series id is '" + e.series_id + "'");
  const auto found = by_id.find(id.master);
  if (found == by_id.end()) return land(category::orphan, "master '" + id.master + "' is not among the masters");
  if (!found->second.s) return land(category::unexpected, "its master cannot be expanded: " + found->second.problem);
  if (id.start >= w.from && id.start < w.to) {  // judged by the master's walk (judge_by_walks)
    v.awaits = &found->second;
    v.id = id;
    return v;
  }
  return judge_off_rule(e, id, found->second, std::move(item), tz);
}


// Which of several copies of one occurrence stands for it: the best verdict (matched, then
// duration_mismatch, then moved), then not cancelled, then the earliest times and the
// smallest id: a rule on content, so the answer does not depend on the input's order.
bool stands_before(const reconcile_item& a, const reconcile_item& b) {
  auto rank = [](category c) { return c == category::matched ? 0 : c == category::duration_mismatch ? 1 : 2; };
  return std::make_tuple(rank(a.what), a.cancelled, a.actual_start, a.actual_end, a.id, a.event_index) <
         std::make_tuple(rank(b.what), b.cancelled, b.actual_start, b.actual_end, b.id, b.event_index);
}

// Every copy but the one that stands for an occurrence becomes a duplicate naming it.
void settle_duplicates(std::vector<verdict>& verdicts,
                       standing_map& standing) {
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    if (!verdicts[i].occurrence) continue;
    const auto [at, fresh] = standing.emplace(*verdicts[i].occurrence, i);
    if (!fresh && stands_before(verdicts[i].item, verdicts[at->second].item)) at->second = i;
  }
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    if (!verdicts[i].occurrence) continue;
    const std::size_t first = standing.at(*verdicts[i].occurrence);
    if (first == i) continue;
    verdicts[i].item.what = category::duplicate;
    verdicts[i].item.reason = "the same occurrence as events[" + std::to_string(first) + "] (" +
                              to_string(verdicts[first].item.what) + ")";
  }
}

// Expected occurrences no valid instance stands for: (master row, start), listed after the
// events' items.
using missing_list = std::vector<std::pair<const std::map<std::string, master_entry>::value_type*, instant>>;

error too_many_missing(std::size_t max_missing) {
  return {error_code::limit_exceeded, "more than " + std::to_string(max_missing) +
                                          " expected occurrences are missing in the window (the limit "
                                          "reconcile_options::max_missing); narrow the window or raise the limit"};
}

// The instances a master's walk judges (verdict indexes, by start) and the starts its valid
// instances judged outside the window stand for (sorted).
struct master_walk {
  std::vector<std::size_t> waiting;
  std::vector<instant> standing_outside;
};

// One master's occurrences in the window, walked once: a waiting instance whose start is one
// is valid; one whose start is not is judged by validate (for its reason); an occurrence no
// valid instance stands for is missing.
bool walk_master(const std::map<std::string, master_entry>::value_type& row, master_walk& m, std::vector<verdict>& verdicts,
                 const std::vector<event>& fetched, window w, const zone& tz, std::size_t max_missing, missing_list& missing) {
  const auto start_of = [&verdicts](std::size_t i) { return verdicts[i].id.start; };
  std::sort(m.waiting.begin(), m.waiting.end(), [&](std::size_t a, std::size_t b) { return start_of(a) < start_of(b); });
  std::sort(m.standing_outside.begin(), m.standing_outside.end());
  const auto judge_at = [&](std::size_t i, bool on_rule) {
    verdict& v = verdicts[i];
    const event& e = fetched[*v.item.event_index];
    v = on_rule ? judge_valid(e, v.id, row.second, std::move(v.item), tz) : judge_off_rule(e, v.id, row.second, std::move(v.item), tz);
  };
  auto next = m.waiting.begin();
  auto outside = m.standing_outside.begin();
  for (instant at : occurrences(*row.second.s, w)) {
    for (; next != m.waiting.end() && start_of(*next) < at; ++next) judge_at(*next, false);
    bool stood = false;
    for (; next != m.waiting.end() && start_of(*next) == at; ++next, stood = true) judge_at(*next, true);
    while (outside != m.standing_outside.end() && *outside < at) ++outside;
    if (stood || (outside != m.standing_outside.end() && *outside == at)) continue;
    if (missing.size() == max_missing) return false;
    missing.emplace_back(&row, at);
  }
  for (; next != m.waiting.end(); ++next) judge_at(*next, false);
  return true;
}

// Every master walked once over the window (see walk_master), in the index's order.
result<missing_list> judge_by_walks(const std::map<std::string, master_entry>& by_id, std::vector<verdict>& verdicts,
                                    const std::vector<event>& fetched, window w, const zone& tz, std::size_t max_missing) {
  std::unordered_map<const master_entry*, master_walk> walks;
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    if (verdicts[i].awaits) walks[verdicts[i].awaits].waiting.push_back(i);
    else if (verdicts[i].occurrence) walks[verdicts[i].occurrence->first].standing_outside.push_back(verdicts[i].occurrence->second);
  }
  missing_list missing;
  for (const auto& row : by_id) {
    if (!row.second.s) continue;
    const auto found = walks.find(&row.second);
    master_walk none;
    if (!walk_master(row, found == walks.end() ? none : found->second, verdicts, fetched, w, tz, max_missing, missing))
      return too_many_missing(max_missing);
  }
  return missing;
}

void add_missing_items(const missing_list& missing, const zone& tz, std::vector<reconcile_item>& items) {
  items.reserve(items.size() + missing.size());
  for (const auto& [row, at] : missing) {
    const series& s = *row->second.s;
    reconcile_item item;
    item.what = category::missing;
    item.series_id = row->first;
    item.id = format_instance_id(row->first, at, std::chrono::duration_cast<seconds>(s.duration()));
    item.expected_start = at;
    item.expected_end = at + s.duration();
    item.reason = "expected occurrence " + format_iso8601(at, tz) + " was not fetched";
    items.push_back(std::move(item));
  }
}

reconcile_summary summarize(const std::vector<reconcile_item>& items, std::size_t fetched) {
  reconcile_summary sum;
  sum.fetched = fetched;
  for (const reconcile_item& item : items) {
    if (item.cancelled) ++sum.cancelled;
    switch (item.what) {
      case category::matched: ++sum.matched; break;
      case category::missing: ++sum.missing; break;
      case category::unexpected: ++sum.unexpected; break;
      case category::moved: ++sum.moved; break;
      case category::duration_mismatch: ++sum.duration_mismatch; break;
      case category::duplicate: ++sum.duplicate; break;
      case category::malformed: ++sum.malformed; break;
      case category::orphan: ++sum.orphan; break;
      case category::single: ++sum.single; break;
      case category::master: ++sum.master; break;
    }
  }
  sum.expected = sum.matched + sum.moved + sum.duration_mismatch + sum.missing;
  return sum;
}

}  // namespace

result<reconcile_report> reconcile(const std::vector<event>& fetched, const std::vector<event>& masters,
                                   const zone& tz, window w, reconcile_options options) {
  reconcile_report report;
  const std::map<std::string, master_entry> by_id = index_masters(masters, tz, options, report.notes);
  std::vector<verdict> verdicts;
  verdicts.reserve(fetched.size());
  for (std::size_t i = 0; i < fetched.size(); ++i) verdicts.push_back(judge(fetched[i], i, by_id, w, tz));
  const auto missing = judge_by_walks(by_id, verdicts, fetched, w, tz, options.max_missing);
  if (!missing) return missing.err();
  {
    standing_map standing;  // occurrence -> the event standing for it
    standing.reserve(fetched.size());
    settle_duplicates(verdicts, standing);
  }
  report.items.reserve(verdicts.size() + missing->size());
  for (verdict& v : verdicts) report.items.push_back(std::move(v.item));
  std::vector<verdict>().swap(verdicts);  // freed before the missing occurrences are listed
  add_missing_items(*missing, tz, report.items);
  report.summary = summarize(report.items, fetched.size());
  return report;
}

void add_master_rows(const std::vector<event>& rows, std::vector<event>& masters) {
  std::unordered_set<std::string> earlier;
  for (const event& m : masters) earlier.insert(m.id);
  for (const event& row : rows)
    if (row.is_master() && row.problems.empty() && !earlier.count(row.id)) masters.push_back(row);
}

std::optional<window> span_of(const std::vector<event>& fetched) {
  std::optional<window> span;
  for (const event& e : fetched) {
    if (e.is_master() || !e.start || !e.end) continue;
    if (!span) span = window{*e.start, *e.end};
    span->from = std::min(span->from, *e.start);
    span->to = std::max(span->to, *e.end);
  }
  return span;
}

}  // namespace recur
