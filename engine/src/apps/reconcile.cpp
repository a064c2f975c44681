#include "recur/reconcile.hpp"

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
struct verdict {
  reconcile_item item;
  std::optional<occurrence_key> occurrence;
};

verdict judge_valid(const event& e, const instance_id& id, const master_entry& master, reconcile_item item,
                    const zone& tz) {
  const series& s = *master.s;
  verdict v{std::move(item), occurrence_key{&master, id.start}};
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

verdict judge(const event& e, std::size_t index, const std::map<std::string, master_entry>& by_id, const zone& tz) {
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
  const series& s = *found->second.s;
  instance_id same_length = id;
  same_length.duration = std::chrono::duration_cast<seconds>(s.duration());  // the length is judged below, not here
  const validation valid = validate(s, id.master, same_length);
  if (!valid.valid()) {
    item.expected_start = id.start;
    return land(category::unexpected, std::string(to_string(valid.reason)) + ": " + valid.message);
  }
  return judge_valid(e, id, found->second, std::move(item), tz);
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

// Expected occurrences in the window that no event stands for, streamed from each series;
// at most options.max_missing of them. They are found first (16 bytes each) and listed after,
// so that the report's items grow once.
result<std::size_t> add_missing(const std::map<std::string, master_entry>& by_id, const standing_map& standing,
                                window w, const zone& tz, std::size_t max_missing,
                                std::vector<reconcile_item>& items) {
  std::vector<std::pair<const std::map<std::string, master_entry>::value_type*, instant>> missing;
  for (const auto& row : by_id) {
    if (!row.second.s) continue;
    for (instant at : occurrences(*row.second.s, w)) {
      if (standing.count({&row.second, at})) continue;
      if (missing.size() == max_missing)
        return make_error(error_code::limit_exceeded,
                          "more than " + std::to_string(max_missing) +
                              " expected occurrences are missing in the window (the limit "
                              "reconcile_options::max_missing); narrow the window or raise the limit");
      missing.emplace_back(&row, at);
    }
  }
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
  return missing.size();
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
  for (std::size_t i = 0; i < fetched.size(); ++i) verdicts.push_back(judge(fetched[i], i, by_id, tz));
  standing_map standing;  // occurrence -> the event standing for it
  standing.reserve(fetched.size());
  settle_duplicates(verdicts, standing);
  report.items.reserve(verdicts.size());
  for (verdict& v : verdicts) report.items.push_back(std::move(v.item));
  std::vector<verdict>().swap(verdicts);  // freed before the missing occurrences are listed
  auto missing = add_missing(by_id, standing, w, tz, options.max_missing, report.items);
  if (!missing) return missing.err();
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
