// _recur.Series: a series made from recurrence text, its occurrences as epoch ms (lazily or
// as a list), point queries and instance ids.
#include <optional>
#include <string>

#include <pybind11/stl.h>

#include <datetime.h>

#include "bindings.hpp"
#include "recur/expand.hpp"
#include "recur/instance_id.hpp"
#include "recur/profile.hpp"
#include "recur/validate.hpp"

namespace py = pybind11;

namespace recur::python {
namespace {

using opt_ms = std::optional<std::int64_t>;

// The zone: an IANA name, or else a fixed offset in seconds.
zone zone_of(const std::optional<std::string>& name, int offset_seconds) {
  if (name) return zone::load(*name).value();
  return zone::fixed(seconds(offset_seconds));
}

interpretation interpretation_of_name(const std::string& profile_name, bool lenient, const std::string& gaps) {
  interpretation how = interpretation_of(parse_profile(profile_name).value());
  if (lenient) how.parse.forbidden = forbidden_parts::ignore;
  if (gaps != "shift" && gaps != "skip") throw recur_error({error_code::bad_value, "gaps must be 'shift' or 'skip'"});
  how.series.gaps = gaps == "skip" ? gap_policy::skip : gap_policy::shift_forward;
  return how;
}

series make(const std::string& text, std::int64_t start_ms, const std::optional<std::string>& tz, int offset_seconds,
            std::int64_t duration_ms, const std::string& profile_name, bool lenient, const std::string& gaps) {
  const interpretation how = interpretation_of_name(profile_name, lenient, gaps);
  return make_series(text, from_unix_ms(start_ms), zone_of(tz, offset_seconds), milliseconds(duration_ms), how).value();
}

// Occurrence starts in [from, to] (or, `overlapping`, every occurrence overlapping it),
// ascending, one at a time: memory stays flat however long the series.
class occurrence_cursor {
 public:
  occurrence_cursor(const series& s, opt_ms from, opt_ms to, bool overlapping)
      : window_{from ? from_unix_ms(*from) : instant::min(), to ? from_unix_ms(*to) : instant::max()},
        overlapping_(overlapping), duration_(s.duration()),
        cursor_(s, overlapping && from ? window_.from - (duration_.count() > 0 ? duration_ : milliseconds(0))
                                       : window_.from) {
    if (to) cursor_.stop_after(window_.to);
  }

  std::optional<std::int64_t> next() {
    instant t;
    while (!done_ && cursor_.next(t)) {
      if (t > window_.to) break;
      if (overlapping_ ? overlaps(t, duration_, window_) : t >= window_.from) return unix_ms(t);
    }
    done_ = true;
    return std::nullopt;
  }

 private:
  window window_;
  bool overlapping_;
  milliseconds duration_;
  occurrence_iterator cursor_;
  bool done_ = false;
};

// Occurrences as datetime objects built in C++ (no Python arithmetic per occurrence): on the
// series' wall clock with `tzinfo` attached (a zoneinfo.ZoneInfo of the series' zone or a
// datetime.timezone of its fixed offset: the caller checks), fold=1 for the second of a repeated
// hour (PEP 495); naive when `tzinfo` is None.
class datetime_cursor {
 public:
  datetime_cursor(const series& s, opt_ms from, opt_ms to, bool overlapping, py::object tzinfo)
      : occurrences_(s, from, to, overlapping), converter_(s.tz()), tzinfo_(std::move(tzinfo)) {}

  py::object next() {
    const auto t = occurrences_.next();
    if (!t) return py::none();
    return make(from_unix_ms(*t));
  }

  py::object make(instant t) {
    const civil_seconds local = converter_.to_local(t);
    const civil_fields f = split(local);
    int fold = 0;
    if (!tzinfo_.is_none() && !converter_.get_zone().is_fixed()) {
      const auto first = converter_.to_instant(local);  // the earlier reading of a repeated hour
      fold = first && floor_div(unix_ms(t), 1000) != floor_div(unix_ms(*first), 1000) ? 1 : 0;
    }
    const int micros = static_cast<int>(floor_mod(unix_ms(t), 1000)) * 1000;
    PyObject* dt = PyDateTimeAPI->DateTime_FromDateAndTimeAndFold(
        f.date.year, f.date.month, f.date.day, f.hour, f.minute, f.second, micros, tzinfo_.ptr(), fold,
        PyDateTimeAPI->DateTimeType);
    if (!dt) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(dt);
  }

 private:
  occurrence_cursor occurrences_;
  zone_converter converter_;
  py::object tzinfo_;
};

// The starts as epoch ms, gathered without the GIL; more than `limit` is limit_exceeded.
std::vector<std::int64_t> starts_ms(const series& s, opt_ms from, opt_ms to, bool overlapping, std::size_t limit) {
  std::vector<std::int64_t> out;
  py::gil_scoped_release unlocked;
  occurrence_cursor cursor(s, from, to, overlapping);
  while (auto t = cursor.next()) {
    if (out.size() == limit)
      throw recur_error({error_code::limit_exceeded, "more than " + std::to_string(limit) +
                                                         " occurrences (limit): narrow the window or raise the limit"});
    out.push_back(*t);
  }
  return out;
}

py::list collect(const series& s, opt_ms from, opt_ms to, bool overlapping, std::size_t limit) {
  return py::cast(starts_ms(s, from, to, overlapping, limit));
}

py::list collect_datetimes(const series& s, opt_ms from, opt_ms to, bool overlapping, std::size_t limit,
                           py::object tzinfo) {
  const std::vector<std::int64_t> starts = starts_ms(s, from, to, overlapping, limit);
  datetime_cursor maker(s, std::nullopt, std::nullopt, false, std::move(tzinfo));
  py::list out(starts.size());
  for (std::size_t i = 0; i < starts.size(); ++i) out[i] = maker.make(from_unix_ms(starts[i]));
  return out;
}

// The last occurrence before `t` (at or before when `inclusive`): a walk from DTSTART, as
// dateutil's before() does.
opt_ms before(const series& s, std::int64_t t, bool inclusive) {
  py::gil_scoped_release unlocked;
  occurrence_cursor cursor(s, std::nullopt, t, false);
  opt_ms last;
  while (auto u = cursor.next())
    if (*u < t || (inclusive && *u == t)) last = u;
  return last;
}

opt_ms after(const series& s, std::int64_t t, bool inclusive) {
  occurrence_cursor cursor(s, t, std::nullopt, false);
  while (auto u = cursor.next())
    if (*u > t || (inclusive && *u == t)) return u;
  return std::nullopt;
}

py::tuple validate_id(const series& s, const std::string& master, const std::string& id) {
  const validation v = validate(s, master, id);
  return py::make_tuple(v.valid(), to_string(v.reason), v.message);
}

void bind_cursors(py::module_& m) {
  py::class_<datetime_cursor>(m, "DatetimeOccurrences", "Occurrence starts as datetime, generated as iteration asks")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", [](datetime_cursor& c) {
        py::object t = c.next();
        if (t.is_none()) throw py::stop_iteration();
        return t;
      });
  py::class_<occurrence_cursor>(m, "Occurrences", "Occurrence starts as epoch ms, generated as iteration asks")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", [](occurrence_cursor& c) {
        const auto t = c.next();
        if (!t) throw py::stop_iteration();
        return *t;
      });
}

}  // namespace

void bind_series(py::module_& m) {
  PyDateTime_IMPORT;
  if (!PyDateTimeAPI) throw py::error_already_set();
  bind_cursors(m);
  py::class_<series>(m, "Series", "An immutable recurring series (see recur.Series)")
      .def(py::init(&make), py::arg("text"), py::arg("start_ms"), py::arg("tz"), py::arg("offset_seconds"),
           py::arg("duration_ms"), py::arg("profile"), py::arg("lenient"), py::arg("gaps"))
      .def("cursor", [](const series& s, opt_ms from, opt_ms to, bool overlapping) {
        return occurrence_cursor(s, from, to, overlapping);
      }, py::keep_alive<0, 1>())
      .def("datetimes", [](const series& s, opt_ms from, opt_ms to, bool overlapping, py::object tzinfo) {
        return datetime_cursor(s, from, to, overlapping, std::move(tzinfo));
      }, py::keep_alive<0, 1>())
      .def("collect", &collect)
      .def("collect_datetimes", &collect_datetimes)
      .def("contains", [](const series& s, std::int64_t t) { return contains(s, from_unix_ms(t)); })
      .def("before", &before)
      .def("after", &after)
      .def("instance_ids", [](const series& s, const std::string& master, opt_ms from, opt_ms to, std::size_t limit) {
        const window w{from ? from_unix_ms(*from) : instant::min(), to ? from_unix_ms(*to) : instant::max()};
        py::gil_scoped_release unlocked;
        return instance_ids(s, master, w, limit).value();
      })
      .def("validate", &validate_id)
      .def_property_readonly("start_ms", [](const series& s) { return unix_ms(s.dtstart()); })
      .def_property_readonly("duration_ms", [](const series& s) { return s.duration().count(); })
      .def_property_readonly("tz", [](const series& s) { return s.tz().name(); })
      .def_property_readonly("fixed_offset", [](const series& s) { return s.tz().is_fixed(); })
      .def_property_readonly("finite", &series::finite)
      .def_property_readonly("warnings", &series::warnings);
  m.def("format_instance_id", [](const std::string& master, std::int64_t start_ms, std::int64_t duration_s) {
    return format_instance_id(master, from_unix_ms(start_ms), seconds(duration_s));
  });
  m.def("parse_instance_id", [](const std::string& id) {
    const instance_id parsed = parse_instance_id(id).value();
    return py::make_tuple(parsed.master, unix_ms(parsed.start), parsed.duration.count());
  });
}

}  // namespace recur::python
