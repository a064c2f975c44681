// recur conflicts and recur free: scheduling over the series and single events of a file.
#include <algorithm>
#include <charconv>
#include <iostream>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "arguments.hpp"
#include "commands.hpp"
#include "event_input.hpp"
#include "output.hpp"
#include "recur/iso8601.hpp"
#include "recur/schedule.hpp"

namespace recur::cli {
namespace {

struct schedule_arguments {
  std::string events_file, masters_file, tz, from, to, by = "user", format = "json", key, hours, slot, step;
  std::size_t max_items = schedule_limits{}.max_intervals;
  interpretation_arguments reading;
};

void add_schedule_options(CLI::App& cmd, schedule_arguments& a) {
  cmd.add_option("--events", a.events_file,
                 "Events as the API returns them ({\"events\": [...]}, file or - for stdin): masters (with rrule) "
                 "are expanded, single events kept, cancelled instances skipped")
      ->required();
  cmd.add_option("--masters", a.masters_file, "More master events, when the --events file holds only instances");
  cmd.add_option("--tz", a.tz, "IANA zone the series' rules run in (masters with a timeZone run in their own) and "
                                "of the times written out; required unless every master names one zone")
      ->check(zone_name_given());
  cmd.add_option("--from", a.from, "Window start: epoch ms or ISO 8601 with offset")->required();
  cmd.add_option("--to", a.to, "Window end: epoch ms or ISO 8601 with offset")->required();
  cmd.add_option("--by", a.by, "What must not be double-booked: user (assignedUserId and users), calendar, resource")
      ->check(CLI::IsMember({"user", "calendar", "resource"}));
  add_interpretation_options(cmd, a.reading);
}

struct loaded {
  zone tz;
  window w;
  std::vector<busy_source> sources;
};

loaded load(const schedule_arguments& a) {
  loaded out;
  if (!a.tz.empty()) (void)zone_for(a.tz, {});  // a bad --tz is named before any input is read
  out.w = window{parse_time_argument("--from", a.from), parse_time_argument("--to", a.to)};
  if (out.w.from > out.w.to) throw usage_error("--from is after --to");
  std::vector<event> events = read_events(a.events_file, {});
  if (!a.masters_file.empty()) {
    std::set<std::string> have;
    for (const event& e : events) have.insert(e.id);
    for (event& m : read_events(a.masters_file, {}))
      if (m.is_master() && have.insert(m.id).second) events.push_back(std::move(m));
  }
  out.tz = zone_for(a.tz, events);
  const key_kind by = a.by == "calendar" ? key_kind::calendar : a.by == "resource" ? key_kind::resource : key_kind::person;
  std::vector<std::string> notes;
  out.sources = busy_sources(events, out.tz, by, notes, interpretation_from(a.reading));
  for (const std::string& n : notes) warn(n);
  return out;
}

std::string iso(const zone& tz, instant t) { return format_iso8601(t, tz); }

int run_conflicts(const schedule_arguments& a) {
  const loaded in = load(a);
  std::size_t count = 0;
  if (a.format == "text") {
    std::cout << padded("A", 44) << padded("B", 44) << padded("KEY", 22) << "OVERLAP\n";
    find_conflicts(in.sources, in.w, [&](const conflict& c) {
      ++count;
      std::cout << padded(printable(c.a, 4096), 44) << padded(printable(c.b, 4096), 44)
                << padded(printable(c.key, 4096), 22) << iso(in.tz, c.overlap_start) << " .. "
                << iso(in.tz, c.overlap_end) << '\n';
    });
    std::cout << count << " conflict(s)\n";
  } else {
    // Streamed: each conflict is written as it is found.
    std::cout << "{\"conflicts\": [";
    find_conflicts(in.sources, in.w, [&](const conflict& c) {
      const nlohmann::json j = {{"a", c.a},
                                {"b", c.b},
                                {"key", c.key},
                                {"overlap_start_ms", unix_ms(c.overlap_start)},
                                {"overlap_end_ms", unix_ms(c.overlap_end)},
                                {"overlap_start", iso(in.tz, c.overlap_start)},
                                {"overlap_end", iso(in.tz, c.overlap_end)}};
      std::cout << (count++ ? ",\n  " : "\n  ") << json_text(j);
    });
    std::cout << (count ? "\n" : "") << "], \"count\": " << count << "}\n";
  }
  return count ? exit_discrepancy : exit_ok;
}

milliseconds parse_minutes(const std::string& option, const std::string& text) {
  std::size_t used = 0;
  long long n = 0;
  try {
    n = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  const std::string unit = text.substr(used);
  const long long scale = unit == "s" ? 1000 : unit == "m" || unit.empty() ? 60000 : unit == "h" ? 3600000 : 0;
  if (used == 0 || n <= 0 || scale == 0 || n > 100000)
    throw usage_error(option + " " + text + " is not a duration such as 30m, 1h or 90s");
  return milliseconds{n * scale};
}

// `"name":"<ISO 8601>","name_ms":<epoch ms>`, formatted into `out` without a JSON object:
// free lists can hold 200,000 items. Keys in the order the JSON library writes them elsewhere.
void append_time(std::string& out, const char* name, const zone& tz, instant t) {
  char buf[iso8601_max_size];
  out.append("\"").append(name).append("\":\"");
  out.append(buf, format_iso8601(buf, sizeof buf, t, tz.offset_at(t)));
  out.append("\",\"").append(name).append("_ms\":");
  out.append(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, unix_ms(t)).ptr - buf));
}

// A JSON array written one element at a time through one buffer (no document is built).
template <typename T, typename AppendItem>
void write_array(std::ostream& out, const std::vector<T>& items, AppendItem append_item) {
  std::string text = "[";
  const char* separator = "\n    {";
  for (const T& item : items) {
    text += separator;
    append_item(text, item);
    text += '}';
    separator = ",\n    {";
    if (text.size() > (1 << 16)) {
      out << text;
      text.clear();
    }
  }
  out << text << (items.empty() ? "]" : "\n  ]");
}

void write_free_json(std::ostream& out, const schedule_arguments& a, const zone& tz, const key_schedule& k,
                     const std::optional<milliseconds>& slot, const std::vector<instant>& slots) {
  const auto append_interval = [&tz](std::string& text, const interval& i) {
    append_time(text, "end", tz, i.end);
    text += ',';
    append_time(text, "start", tz, i.start);
  };
  out << "{\n  \"key\": " << json_text(k.key) << ",\n  \"by\": " << json_text(a.by) << ",\n  \"busy\": ";
  write_array(out, k.busy, append_interval);
  out << ",\n  \"free\": ";
  write_array(out, k.free, append_interval);
  if (slot) {
    out << ",\n  \"slot_minutes\": " << std::chrono::duration_cast<std::chrono::minutes>(*slot).count() << ",\n  \"slots\": ";
    write_array(out, slots, [&tz](std::string& text, instant s) { append_time(text, "start", tz, s); });
  }
  out << "\n}\n";
}

void write_free_text(std::ostream& out, const zone& tz, const key_schedule& k, const std::string& slot,
                     const std::vector<instant>& slots) {
  out << "busy:\n";
  for (const interval& i : k.busy) out << "  " << iso(tz, i.start) << " .. " << iso(tz, i.end) << '\n';
  out << "free:\n";
  for (const interval& i : k.free) out << "  " << iso(tz, i.start) << " .. " << iso(tz, i.end) << '\n';
  if (slot.empty()) return;
  out << "slots (" << slot << "):\n";
  for (instant s : slots) out << "  " << iso(tz, s) << '\n';
}

int run_free(const schedule_arguments& a) {
  const loaded in = load(a);
  std::optional<working_hours> hours;
  if (!a.hours.empty()) {
    auto h = parse_working_hours(a.hours, in.tz);
    if (!h) throw usage_error("--hours: " + h.err().message);
    hours = h.value();
  }
  if (std::none_of(in.sources.begin(), in.sources.end(), [&](const busy_source& s) {
        return std::find(s.keys.begin(), s.keys.end(), a.key) != s.keys.end();
      }))
    warn("--key " + in_quotes(a.key) + " matches no event in --events (by " + a.by +
         "): the whole window is reported free");
  schedule_limits limits;
  limits.max_intervals = limits.max_slots = a.max_items;
  auto schedule = free_busy(in.sources, in.w, hours, a.key, limits);
  if (!schedule) throw usage_error(schedule.err().message + " (--max-items)");
  const key_schedule& k = schedule.value().front();
  std::optional<milliseconds> slot;
  std::vector<instant> slots;
  if (!a.slot.empty()) {
    slot = parse_minutes("--slot", a.slot);
    const milliseconds step = a.step.empty() ? *slot : parse_minutes("--step", a.step);
    auto found = free_slots(k.free, *slot, step, in.tz, limits.max_slots);
    if (!found) throw usage_error(found.err().message + " (--max-items)");
    slots = std::move(found.value());
  }
  if (a.format == "text") write_free_text(std::cout, in.tz, k, a.slot, slots);
  else write_free_json(std::cout, a, in.tz, k, slot, slots);
  return exit_ok;
}

}  // namespace

command add_conflicts_command(CLI::App& app) {
  auto args = std::make_shared<schedule_arguments>();
  CLI::App* cmd = app.add_subcommand("conflicts", "Find double bookings among series and events");
  cmd->description(
      "Every pair of occurrences that overlap and share a user (assignedUserId or users), calendar or resource,\n"
      "found by a sweep over the merged occurrence streams. Back-to-back and zero-length occurrences, cancelled\n"
      "ones and EXDATEs do not conflict.");
  add_schedule_options(*cmd, *args);
  cmd->add_option("--format", args->format, "json (default) or text")->check(CLI::IsMember({"json", "text"}));
  cmd->footer(
      "Example:\n"
      "  recur conflicts --events cli/examples/calendar.json --tz America/Chicago \\\n"
      "                  --from 2026-11-02T00:00:00-06:00 --to 2026-11-15T00:00:00-06:00\n"
      "Output: {\"conflicts\": [{\"a\", \"b\", \"key\", \"overlap_start_ms\", \"overlap_end_ms\", ...}], \"count\": N}\n"
      "Exit status: 0 no conflicts, 1 conflicts found, 2 invalid arguments or input.");
  return command{cmd, [args] { return run_conflicts(*args); }};
}

command add_free_command(CLI::App& app) {
  auto args = std::make_shared<schedule_arguments>();
  CLI::App* cmd = app.add_subcommand("free", "Busy and free time (and bookable slots) of a user, calendar or resource");
  add_schedule_options(*cmd, *args);
  cmd->add_option("--key", args->key, "The user, calendar or resource id (per --by)")->required();
  cmd->add_option("--hours", args->hours, "Working hours in --tz, e.g. 'Mon-Fri 09:00-17:00; Sat 10:00-12:00'");
  cmd->add_option("--slot", args->slot, "List bookable slots of this length (30m, 1h, 45m)");
  cmd->add_option("--step", args->step, "Slot grid step (default: the slot length)");
  cmd->add_option("--max-items", args->max_items,
                  "The most busy intervals, working-hour intervals or slots listed (default 200000); more is exit 2");
  cmd->add_option("--format", args->format, "json (default) or text")->check(CLI::IsMember({"json", "text"}));
  cmd->footer(
      "Example:\n"
      "  recur free --events cli/examples/calendar.json --tz America/Chicago --from 2026-11-09T00:00:00-06:00 \\\n"
      "             --to 2026-11-14T00:00:00-06:00 --by user --key alice --hours 'Mon-Fri 09:00-17:00' --slot 30m\n"
      "Exit status: 0 ok, 2 invalid arguments or input.");
  return command{cmd, [args] { return run_free(*args); }};
}

}  // namespace recur::cli
