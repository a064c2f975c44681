#include "recur/reconcile.hpp"

#include <map>

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

result<series> series_of(const event& master, const zone& tz, reconcile_options options) {
  if (!master.start_ms || !master.end_ms)
    return make_error(error_code::bad_time, "master '" + master.id + "' has no readable startTime/endTime");
  if (*master.end_ms < *master.start_ms)
    return make_error(error_code::bad_time, "master '" + master.id + "' ends before it starts");
  auto text = parse_recurrence(master.rrule, options.how.parse);
  if (!text) return make_error(text.err().code, "master '" + master.id + "' rrule: " + text.err().message);
  return make_series(std::move(text.value().value), *master.start_ms, tz, *master.end_ms - *master.start_ms,
                     options.how.series);
}

namespace {

struct master_entry {
  std::optional<series> s;
  std::string problem;  // why the series is unusable
};

}  // namespace

reconcile_report reconcile(const std::vector<event>& fetched, const std::vector<event>& masters, const zone& tz,
                           window w, reconcile_options options) {
  reconcile_report report;
  // Instants in messages read on the series' wall clock.
  const auto iso = [&tz](std::int64_t ms) { return format_iso8601(ms, tz); };
  std::map<std::string, master_entry> by_id;
  for (const event& m : masters) {
    if (m.id.empty() || by_id.count(m.id)) continue;
    master_entry entry;
    auto s = series_of(m, tz, options);
    if (s) entry.s = std::move(s.value());
    else {
      entry.problem = s.err().message;
      report.notes.push_back(entry.problem);
    }
    by_id.emplace(m.id, std::move(entry));
  }

  std::map<std::pair<std::string, std::int64_t>, std::size_t> seen;  // occurrence -> first event index
  for (std::size_t i = 0; i < fetched.size(); ++i) {
    const event& e = fetched[i];
    reconcile_item item;
    item.id = e.id;
    item.master_event_id = e.master_event_id;
    item.event_index = i;
    item.actual_start_ms = e.start_ms;
    item.actual_end_ms = e.end_ms;
    item.cancelled = e.cancelled();
    auto land = [&](category c, std::string reason) {
      item.what = c;
      item.reason = std::move(reason);
      report.items.push_back(item);
    };

    if (!e.problems.empty()) {
      std::string reason;
      for (const std::string& p : e.problems) reason += (reason.empty() ? "" : "; ") + p;
      land(category::malformed, reason);
      continue;
    }
    const auto parsed = parse_instance_id(e.id);
    if (e.is_master() && !parsed) {
      land(category::master, "a master row (has rrule)");
      continue;
    }
    const bool instance = !e.master_event_id.empty() || e.is_recurring.value_or(false);
    if (!instance) {
      land(category::single, "not a recurring event");
      continue;
    }
    if (!parsed) {
      land(category::malformed, "recurring instance whose id does not read: " + parsed.err().message);
      continue;
    }
    const instance_id& id = parsed.value();
    item.master_event_id = e.master_event_id.empty() ? id.master : e.master_event_id;
    if (!e.master_event_id.empty() && e.master_event_id != id.master) {
      land(category::unexpected, "the id names master '" + id.master + "' but masterEventId is '" +
                                     e.master_event_id + "'");
      continue;
    }
    const auto found = by_id.find(id.master);
    if (found == by_id.end()) {
      land(category::orphan, "master '" + id.master + "' is not among the masters");
      continue;
    }
    if (!found->second.s) {
      land(category::unexpected, "its master cannot be expanded: " + found->second.problem);
      continue;
    }
    const series& s = *found->second.s;
    item.expected_start_ms = id.start_ms;
    instance_id same_length = id;
    same_length.duration_s = s.duration_ms / 1000;  // the length is judged below, not here
    const validation v = validate(s, id.master, same_length);
    if (!v.valid()) {
      land(category::unexpected, std::string(to_string(v.reason)) + ": " + v.message);
      continue;
    }
    item.expected_end_ms = id.start_ms + s.duration_ms;  // a valid occurrence: no overflow
    const auto key = std::make_pair(id.master, id.start_ms);
    const auto earlier = seen.find(key);
    if (earlier != seen.end()) {
      land(category::duplicate, "the same occurrence as events[" + std::to_string(earlier->second) + "]");
      continue;
    }
    seen.emplace(key, i);
    if (e.start_ms != id.start_ms) {
      land(category::moved, "rescheduled from " + iso(id.start_ms) + " to " + iso(*e.start_ms));
    } else if (*e.end_ms - *e.start_ms != s.duration_ms || id.duration_s > INT64_MAX / 1000 ||
               id.duration_s * 1000 != s.duration_ms) {
      land(category::duration_mismatch, "lasts " + std::to_string((*e.end_ms - *e.start_ms) / 1000) + " s (id says " +
                                            std::to_string(id.duration_s) + " s); the series' events last " +
                                            std::to_string(s.duration_ms / 1000) + " s");
    } else {
      land(category::matched, "");
    }
  }

  for (const auto& [master_id, entry] : by_id) {
    if (!entry.s) continue;
    for (std::int64_t start : expand(*entry.s, w).starts_ms) {
      if (seen.count({master_id, start})) continue;
      reconcile_item item;
      item.what = category::missing;
      item.master_event_id = master_id;
      item.id = format_instance_id(master_id, start, entry.s->duration_ms / 1000);
      item.expected_start_ms = start;
      item.expected_end_ms = start + entry.s->duration_ms;
      item.reason = "expected occurrence " + iso(start) + " was not fetched";
      report.items.push_back(std::move(item));
    }
  }

  reconcile_summary& sum = report.summary;
  sum.fetched = fetched.size();
  for (const reconcile_item& item : report.items) {
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
  return report;
}

}  // namespace recur
