#include "recur/api/event_json.hpp"

#include <nlohmann/json.hpp>

#include "event_json_detail.hpp"
#include "recur/iso8601.hpp"

namespace recur::api {
namespace {

using detail::json;

// Zones named by `timeZone` fields, each loaded once per decode (a response names a few).
using zone_cache = std::vector<std::pair<std::string, zone>>;

struct reader {
  const json& object;
  std::string where;  // "events[3]"
  const decode_options& options;
  std::vector<std::string>& warnings;
  calendar_event& out;
  zone_cache& zones;

  const json* field(const char* name) const {
    const auto it = object.find(name);
    return it == object.end() || it->is_null() ? nullptr : &*it;
  }

  void text(const char* name, std::string& target) {
    const json* v = field(name);
    if (!v) return;
    if (v->is_string()) target = v->get<std::string>();
    else warnings.push_back(where + "." + name + " is " + v->type_name() + ", not a string; ignored");
  }

  void strings(const char* name, std::vector<std::string>& target) {
    const json* v = field(name);
    if (!v) return;
    if (!v->is_array()) {
      warnings.push_back(where + "." + name + " is " + v->type_name() + ", not an array; ignored");
      return;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
      if ((*v)[i].is_string()) target.push_back((*v)[i].get<std::string>());
      else warnings.push_back(where + "." + name + "[" + std::to_string(i) + "] is not a string; ignored");
    }
  }

  // A required time: an ISO 8601 string (or epoch milliseconds as a number).
  void time(const char* name, std::string& raw, std::optional<instant>& at, std::optional<seconds>* offset) {
    const json* v = field(name);
    const std::string label = where + "." + name;
    if (!v) {
      out.problems.push_back(label + " is missing");
      return;
    }
    if (v->is_number_integer()) {
      raw = v->dump();
      const std::int64_t n = v->is_number_unsigned() && v->get<std::uint64_t>() > INT64_MAX ? INT64_MAX : v->get<std::int64_t>();
      if (n < -62135596800000 || n > 253402300799999) {  // years 0001..9999
        out.problems.push_back(label + " " + raw + " is out of range for epoch milliseconds (years 0001..9999)");
        return;
      }
      at = from_unix_ms(n);
      return;
    }
    if (!v->is_string()) {
      out.problems.push_back(label + " is " + v->type_name() + ", not a date-time string");
      return;
    }
    raw = v->get<std::string>();
    auto t = parse_iso8601(raw);
    if (!t) {
      out.problems.push_back(label + ": " + t.err().message);
      return;
    }
    if (t->offset) {
      at = t->as_written();
      if (offset) *offset = t->offset;
      return;
    }
    const zone z = out.tz ? *out.tz : options.assumed_zone.value_or(zone{});
    at = t->in_zone(z);
    if (out.tz) return;  // the event's own zone says what its wall times mean
    warnings.push_back(label + " '" + raw + "' has no UTC offset; read as wall time in " +
                       (options.assumed_zone ? z.name() : std::string("UTC")));
  }

  // `timeZone`: an IANA name, loaded once per decode; an unknown one is a problem of the event
  // (its rule cannot run without it), never a silent fall-back to another zone.
  void time_zone() {
    text("timeZone", out.time_zone);
    if (out.time_zone.empty()) return;
    for (const auto& [name, z] : zones)
      if (name == out.time_zone) {
        out.tz = z;
        return;
      }
    auto loaded = zone::load(out.time_zone);
    if (!loaded) {
      out.problems.push_back(where + ".timeZone: " + loaded.err().message);
      return;
    }
    zones.emplace_back(out.time_zone, loaded.value());
    out.tz = loaded.value();
  }
};

calendar_event read_event(const json& object, const std::string& where, const decode_options& options,
                          std::vector<std::string>& warnings, zone_cache& zones) {
  calendar_event e;
  e.source_json = object.dump();
  if (!object.is_object()) {
    e.problems.push_back(where + " is " + std::string(object.type_name()) + ", not an event object");
    return e;
  }
  reader r{object, where, options, warnings, e, zones};
  const json* id = r.field("id");
  if (!id) e.problems.push_back(where + ".id is missing");
  else if (!id->is_string() || id->get<std::string>().empty())
    e.problems.push_back(where + ".id is " + (id->is_string() ? std::string("empty") : std::string(id->type_name())) +
                         ", not an id string");
  else e.id = id->get<std::string>();
  r.time_zone();
  r.time("startTime", e.start_time, e.start, &e.start_offset);
  r.time("endTime", e.end_time, e.end, nullptr);
  r.text("masterEventId", e.master_event_id);
  r.text("rrule", e.rrule);
  r.text("title", e.title);
  r.text("address", e.address);
  r.text("notes", e.notes);
  r.text("calendarId", e.calendar_id);
  r.text("locationId", e.location_id);
  r.text("contactId", e.contact_id);
  r.text("groupId", e.group_id);
  r.text("assignedUserId", e.assigned_user_id);
  r.text("appointmentStatus", e.appointment_status_text);
  e.status = parse_appointment_status(e.appointment_status_text);
  if (!e.appointment_status_text.empty() && e.status == appointment_status::unknown)
    warnings.push_back(where + ".appointmentStatus '" + e.appointment_status_text + "' is not a known status; kept as is");
  r.strings("users", e.users);
  r.strings("assignedResources", e.assigned_resources);
  if (const json* added = r.field("dateAdded"); added && added->is_string()) e.date_added = added->get<std::string>();
  if (const json* updated = r.field("dateUpdated"); updated && updated->is_string())
    e.date_updated = updated->get<std::string>();
  if (const json* created = r.field("createdBy")) e.created_by = created->dump();
  if (const json* recurring = r.field("isRecurring")) {
    if (recurring->is_boolean()) e.is_recurring = recurring->get<bool>();
    else if (recurring->is_string() && recurring->get<std::string>() == "true") e.is_recurring = true;
    else if (recurring->is_string() && recurring->get<std::string>() == "false") e.is_recurring = false;
    else warnings.push_back(where + ".isRecurring is neither a boolean nor \"true\"/\"false\"; ignored");
  }
  return e;
}

// nlohmann/json recurses per nesting level (and so does destroying the value): refuse deep
// nesting before it can exhaust the stack. Real responses nest a handful of levels.
constexpr int max_nesting = 256;

bool nests_too_deep(std::string_view text) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_nesting) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace

namespace detail {

result<json> parse_json(std::string_view text, const std::string& what) {
  if (nests_too_deep(text))
    return make_error(error_code::limit_exceeded,
                      what + " nests arrays or objects deeper than " + std::to_string(max_nesting) + " levels");
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // e.byte names where the JSON stops making sense (a truncated body ends early).
    return make_error(error_code::syntax, what + " is not valid JSON at byte " + std::to_string(e.byte) + ": " +
                                              std::string(e.what()).substr(std::string(e.what()).find(']') + 2));
  } catch (const json::exception& e) {  // e.g. a number beyond double's range
    return make_error(error_code::syntax, what + " is not valid JSON: " +
                                              std::string(e.what()).substr(std::string(e.what()).find(']') + 2));
  }
}

result<decoded_events> decode_event_list(const json& list, const std::string& name, const decode_options& options) {
  if (!list.is_array())
    return make_error(error_code::bad_value, "\"" + name + "\" is " + list.type_name() + ", not an array");
  decoded_events out;
  out.events.reserve(list.size());
  zone_cache zones;
  for (std::size_t i = 0; i < list.size(); ++i)
    out.events.push_back(read_event(list[i], name + "[" + std::to_string(i) + "]", options, out.warnings, zones));
  return out;
}

}  // namespace detail

result<decoded_events> decode_events(std::string_view json_text, decode_options options) {
  auto doc = detail::parse_json(json_text, "the response");
  if (!doc) return doc.err();
  const json* list = &doc.value();
  if (list->is_object()) {
    const auto it = list->find("events");
    if (it == list->end()) return make_error(error_code::missing_part, "the response has no \"events\" array");
    list = &*it;
  }
  return detail::decode_event_list(*list, "events", options);
}

result<decoded_events> decode_event(std::string_view json_text, decode_options options) {
  auto doc = detail::parse_json(json_text, "the response");
  if (!doc) return doc.err();
  const json* object = &doc.value();
  if (object->is_object() && object->contains("event")) object = &(*object)["event"];
  if (!object->is_object()) return make_error(error_code::bad_value, "the response has no \"event\" object");
  decoded_events out;
  zone_cache zones;
  out.events.push_back(read_event(*object, "event", options, out.warnings, zones));
  return out;
}

std::string encode_events(const std::vector<calendar_event>& events) {
  json list = json::array();
  for (const calendar_event& e : events) {
    if (!e.source_json.empty()) {  // pass the event on as received, unknown fields included
      list.push_back(json::parse(e.source_json, nullptr, false));
      continue;
    }
    json j;
    j["id"] = e.id;
    auto put = [&j](const char* name, const std::string& v) {
      if (!v.empty()) j[name] = v;
    };
    put("masterEventId", e.master_event_id);
    put("rrule", e.rrule);
    put("title", e.title);
    put("address", e.address);
    put("notes", e.notes);
    put("calendarId", e.calendar_id);
    put("locationId", e.location_id);
    put("contactId", e.contact_id);
    put("groupId", e.group_id);
    put("assignedUserId", e.assigned_user_id);
    put("appointmentStatus", e.appointment_status_text);
    put("startTime", e.start_time);
    put("endTime", e.end_time);
    put("timeZone", e.time_zone);
    put("dateAdded", e.date_added);
    put("dateUpdated", e.date_updated);
    if (e.is_recurring) j["isRecurring"] = *e.is_recurring;
    if (!e.users.empty()) j["users"] = e.users;
    if (!e.assigned_resources.empty()) j["assignedResources"] = e.assigned_resources;
    if (!e.created_by.empty()) j["createdBy"] = json::parse(e.created_by, nullptr, false);
    list.push_back(std::move(j));
  }
  return json{{"events", std::move(list)}}.dump(2);
}

}  // namespace recur::api
