// _recur's functions over many events: reconcile (one location, JSON in and out), conflicts,
// free/busy and bookable slots, from the API's event JSON.
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <pybind11/stl.h>

#include "bindings.hpp"
#include "recur/api/event_json.hpp"
#include "recur/api/reconcile_json.hpp"
#include "recur/schedule.hpp"

namespace py = pybind11;

namespace recur::python {
namespace {

using span_ms = std::tuple<std::int64_t, std::int64_t>;

key_kind key_kind_of(const std::string& by) {
  if (by == "user") return key_kind::person;
  if (by == "calendar") return key_kind::calendar;
  if (by == "resource") return key_kind::resource;
  throw recur_error({error_code::bad_value, "by must be 'user', 'calendar' or 'resource', not '" + by + "'"});
}

window window_of(std::int64_t from_ms, std::int64_t to_ms) {
  if (from_ms > to_ms) throw recur_error({error_code::bad_time, "the window's start is after its end"});
  return {from_unix_ms(from_ms), from_unix_ms(to_ms)};
}

// The busy sources of `{"events": [...]}` text; what could not be used goes to `notes`.
std::vector<busy_source> sources_of(const std::string& events_json, const zone& tz, const std::string& by,
                                    const std::string& profile_name, std::vector<std::string>& notes) {
  api::decoded_events decoded = api::decode_events(events_json).value();
  notes = std::move(decoded.warnings);
  return busy_sources(api::to_events(decoded.events), tz, key_kind_of(by), notes,
                      interpretation_of(parse_profile(profile_name).value()));
}

py::tuple reconcile_text(const std::string& request, const std::string& profile_name, bool lenient,
                         const std::string& gaps, std::size_t max_missing) {
  api::reconcile_request_options o;
  o.default_profile = parse_profile(profile_name).value();
  o.lenient = lenient;
  o.gaps = gaps == "skip" ? gap_policy::skip : gap_policy::shift_forward;
  o.max_missing = max_missing;
  api::reconcile_answer answer;
  {
    py::gil_scoped_release unlocked;
    answer = api::reconcile_json(request, o);
  }
  const char* status = answer.status == api::answer_status::clean       ? "clean"
                       : answer.status == api::answer_status::attention ? "attention"
                                                                        : "error";
  return py::make_tuple(answer.json, status);
}

// [(a, b, key, overlap_start_ms, overlap_end_ms)], notes
py::tuple conflicts_of(const std::string& events_json, const std::string& tz_name, std::int64_t from_ms,
                       std::int64_t to_ms, const std::string& by, const std::string& profile_name) {
  std::vector<std::tuple<std::string, std::string, std::string, std::int64_t, std::int64_t>> out;
  std::vector<std::string> notes;
  {
    py::gil_scoped_release unlocked;
    const zone tz = zone::load(tz_name).value();
    const auto sources = sources_of(events_json, tz, by, profile_name, notes);
    find_conflicts(sources, window_of(from_ms, to_ms), [&out](const conflict& c) {
      out.emplace_back(c.a, c.b, c.key, unix_ms(c.overlap_start), unix_ms(c.overlap_end));
    });
  }
  return py::make_tuple(out, notes);
}

std::vector<span_ms> spans(const std::vector<interval>& intervals) {
  std::vector<span_ms> out;
  out.reserve(intervals.size());
  for (const interval& i : intervals) out.emplace_back(unix_ms(i.start), unix_ms(i.end));
  return out;
}

// (busy, free, notes) of one key, intervals as (start_ms, end_ms)
py::tuple free_busy_of(const std::string& events_json, const std::string& tz_name, std::int64_t from_ms,
                       std::int64_t to_ms, const std::string& by, const std::string& key,
                       const std::optional<std::string>& hours_text, const std::string& profile_name,
                       std::size_t max_items) {
  std::vector<span_ms> busy, free;
  std::vector<std::string> notes;
  {
    py::gil_scoped_release unlocked;
    const zone tz = zone::load(tz_name).value();
    const auto sources = sources_of(events_json, tz, by, profile_name, notes);
    std::optional<working_hours> hours;
    if (hours_text) hours = parse_working_hours(*hours_text, tz).value();
    schedule_limits limits;
    limits.max_intervals = max_items;
    const auto schedules = free_busy(sources, window_of(from_ms, to_ms), hours, key, limits).value();
    busy = spans(schedules.front().busy);
    free = spans(schedules.front().free);
  }
  return py::make_tuple(busy, free, notes);
}

std::vector<std::int64_t> slots_of(const std::vector<span_ms>& free, std::int64_t slot_ms, std::int64_t step_ms,
                                   const std::string& tz_name, std::size_t max_items) {
  std::vector<interval> intervals;
  for (const auto& [s, e] : free) intervals.push_back({from_unix_ms(s), from_unix_ms(e)});
  if (slot_ms <= 0 || step_ms <= 0) throw recur_error({error_code::bad_value, "slot and step must be positive"});
  py::gil_scoped_release unlocked;
  const auto found =
      free_slots(intervals, milliseconds(slot_ms), milliseconds(step_ms), zone::load(tz_name).value(), max_items).value();
  std::vector<std::int64_t> out;
  out.reserve(found.size());
  for (instant t : found) out.push_back(unix_ms(t));
  return out;
}

}  // namespace

void bind_schedule(py::module_& m) {
  m.def("reconcile_json", &reconcile_text, py::arg("request"), py::arg("profile"), py::arg("lenient"),
        py::arg("gaps"), py::arg("max_missing"));
  m.def("conflicts", &conflicts_of);
  m.def("free_busy", &free_busy_of);
  m.def("free_slots", &slots_of);
}

}  // namespace recur::python
