#include "recur/api/reconcile_json.hpp"

#include <utility>

#include "event_json_detail.hpp"
#include "recur/api/event.hpp"
#include "recur/event_series.hpp"
#include "recur/iso8601.hpp"

namespace recur::api {
namespace {

using detail::json;

// What a request asks for, read and checked.
struct request {
  zone tz;
  std::vector<event> fetched, masters;
  window w;
  interpretation how;
  std::vector<std::string> warnings;
};

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// "tz", or when it is absent the zone every master names (timeZone).
result<zone> read_zone(const json& r, const std::vector<event>& masters) {
  const auto it = r.find("tz");
  if (it == r.end()) {
    auto shared = shared_zone(masters);
    if (!shared) return make_error(error_code::missing_part, "\"tz\" is missing and " + shared.err().message);
    return shared;
  }
  if (!it->is_string()) return make_error(error_code::bad_value, "\"tz\" is " + std::string(it->type_name()) + ", not a string");
  auto z = zone::load(it->get<std::string>());
  if (!z) return make_error(z.err().code, "\"tz\": " + z.err().message);
  return z.value();
}

// The events of the array `name`, as the engine's events; warnings added to `warnings`.
result<std::vector<event>> read_events(const json& r, const char* name, bool required, std::vector<std::string>& warnings) {
  const auto it = r.find(name);
  if (it == r.end()) {
    if (required) return make_error(error_code::missing_part, std::string("\"") + name + "\" is missing");
    return std::vector<event>{};
  }
  auto decoded = detail::decode_event_list(*it, name, {});
  if (!decoded) return decoded.err();
  for (std::string& w : decoded.value().warnings) warnings.push_back(std::move(w));
  return to_events(decoded.value().events);
}

// "from"/"to": epoch ms or ISO 8601 with an offset, in years 1..9999; none when absent.
result<std::optional<instant>> read_time(const json& r, const char* name) {
  const auto it = r.find(name);
  if (it == r.end() || it->is_null()) return std::optional<instant>{};
  const std::string where = std::string("\"") + name + "\"";
  std::optional<instant> t;
  if (it->is_number_integer()) {
    const auto ms = it->get<std::int64_t>();
    if (ms < unix_ms(first_instant) || ms > unix_ms(last_instant))
      return make_error(error_code::bad_time, where + ": " + std::to_string(ms) + " ms is outside years 1..9999");
    t = from_unix_ms(ms);
  } else if (it->is_string()) {
    auto parsed = parse_iso8601(it->get<std::string>());
    if (!parsed) return make_error(error_code::bad_time, where + ": " + parsed.err().message);
    t = parsed->as_written();
    if (!t) return make_error(error_code::bad_time, where + " needs a UTC offset (Z or +HH:MM)");
  } else {
    return make_error(error_code::bad_value, where + " is " + it->type_name() + ", not epoch ms or an ISO 8601 string");
  }
  return std::optional<instant>{t};
}

result<window> read_window(const json& r, const std::vector<event>& fetched) {
  auto from = read_time(r, "from");
  if (!from) return from.err();
  auto to = read_time(r, "to");
  if (!to) return to.err();
  const std::optional<window> span = span_of(fetched);
  if ((!*from || !*to) && !span)
    return make_error(error_code::missing_part, "no window: give \"from\" and \"to\" (no fetched event has times)");
  const window w{from.value().value_or(span ? span->from : instant{}), to.value().value_or(span ? span->to : instant{})};
  if (w.from > w.to) return make_error(error_code::bad_time, "\"from\" is after \"to\"");
  return w;
}

result<interpretation> read_profile(const json& r, const reconcile_request_options& options) {
  profile chosen = options.default_profile;
  const auto it = r.find("profile");
  if (it != r.end() && !it->is_null()) {
    if (!it->is_string())
      return make_error(error_code::bad_value, "\"profile\" is " + std::string(it->type_name()) + ", not a string");
    auto p = parse_profile(it->get<std::string>());
    if (!p) return make_error(p.err().code, "\"profile\": " + p.err().message);
    chosen = p.value();
  }
  interpretation how = interpretation_of(chosen);
  if (options.lenient) how.parse.forbidden = forbidden_parts::ignore;
  how.series.gaps = options.gaps;
  return how;
}

result<request> read_request(const json& r, const reconcile_request_options& options) {
  if (!r.is_object()) return make_error(error_code::bad_value, "the request is " + std::string(r.type_name()) + ", not an object");
  request q;
  auto fetched = read_events(r, "events", true, q.warnings);
  if (!fetched) return fetched.err();
  q.fetched = std::move(fetched.value());
  auto masters = read_events(r, "masters", false, q.warnings);
  if (!masters) return masters.err();
  q.masters = std::move(masters.value());
  add_master_rows(q.fetched, q.masters);
  auto tz = read_zone(r, q.masters);
  if (!tz) return tz.err();
  q.tz = tz.value();
  auto w = read_window(r, q.fetched);
  if (!w) return w.err();
  q.w = w.value();
  auto how = read_profile(r, options);
  if (!how) return how.err();
  q.how = how.value();
  return q;
}

reconcile_answer error_answer(const std::string& location, const error& e) {
  return {"{\"location\":" + location + ",\"error\":" + dump(json{{"code", to_string(e.code)}, {"message", e.message}}) + "}",
          answer_status::error};
}

reconcile_answer report_answer(const std::string& location, const reconcile_report& report,
                          const std::vector<std::string>& warnings) {
  std::string out = "{\"location\":" + location + ",\"summary\":" + encode_summary(report.summary) + ",\"items\":[";
  for (std::size_t i = 0; i < report.items.size(); ++i) out += (i ? "," : "") + encode_item(report.items[i]);
  out += "],\"notes\":" + dump(report.notes) + ",\"warnings\":" + dump(warnings) +
         ",\"clean\":" + (report.clean() ? "true" : "false") + "}";
  return {std::move(out), report.clean() ? answer_status::clean : answer_status::attention};
}

}  // namespace

std::string encode_summary(const reconcile_summary& s) {
  return dump({{"fetched", s.fetched},       {"expected", s.expected},
               {"matched", s.matched},       {"missing", s.missing},
               {"unexpected", s.unexpected}, {"moved", s.moved},
               {"duration_mismatch", s.duration_mismatch}, {"duplicate", s.duplicate},
               {"malformed", s.malformed},   {"orphan", s.orphan},
               {"single", s.single},         {"master", s.master},
               {"cancelled", s.cancelled}});
}

std::string encode_item(const reconcile_item& item) {
  json j = {{"category", to_string(item.what)}, {"id", item.id}, {"masterEventId", item.series_id},
            {"reason", item.reason},           {"cancelled", item.cancelled}};
  j["event_index"] = item.event_index ? json(*item.event_index) : json(nullptr);
  auto put = [&j](const char* name, const std::optional<instant>& t) {
    j[std::string(name) + "_ms"] = t ? json(unix_ms(*t)) : json(nullptr);
    j[name] = t ? json(format_iso8601(*t, seconds(0))) : json(nullptr);
  };
  put("expected_start", item.expected_start);
  put("actual_start", item.actual_start);
  put("expected_end", item.expected_end);
  put("actual_end", item.actual_end);
  return dump(j);
}

reconcile_answer reconcile_json(std::string_view text, const reconcile_request_options& options) {
  if (text.size() > options.max_request_bytes)
    return error_answer("null", make_error(error_code::limit_exceeded,
                                           "the request is " + std::to_string(text.size()) + " bytes, more than " +
                                               std::to_string(options.max_request_bytes) + " (max_request_bytes)"));
  auto doc = detail::parse_json(text, "the request");
  if (!doc) return error_answer("null", doc.err());
  const json& r = doc.value();
  const std::string location = r.is_object() && r.contains("location") ? dump(r["location"]) : "null";
  auto q = read_request(r, options);
  if (!q) return error_answer(location, q.err());
  reconcile_options ro;
  ro.how = q->how;
  ro.max_missing = options.max_missing;
  auto report = reconcile(q->fetched, q->masters, q->tz, q->w, ro);
  if (!report) return error_answer(location, report.err());
  return report_answer(location, report.value(), q->warnings);
}

}  // namespace recur::api
