// recur conflicts and recur free: scheduling over the series and single events of a file.
#include <cstdio>
#include <iostream>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "arguments.hpp"
#include "commands.hpp"
#include "event_input.hpp"
#include "recur/iso8601.hpp"
#include "recur/schedule.hpp"

namespace recur::cli {
namespace {

struct schedule_arguments {
  std::string events_file, masters_file, tz, from, to, by = "user", format = "json", key, hours, slot, step;
  interpretation_arguments reading;
};

void add_schedule_options(CLI::App& cmd, schedule_arguments& a) {
  cmd.add_option("--events", a.events_file,
                 "Events as the API returns them ({\"events\": [...]}, file or - for stdin): masters (with rrule) "
                 "are expanded, single events kept, cancelled instances skipped")
      ->required();
  cmd.add_option("--masters", a.masters_file, "More master events, when the --events file holds only instances");
  cmd.add_option("--tz", a.tz, "IANA zone the series' rules run in")->required();
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
  auto tz = zone::load(a.tz);
  if (!tz) throw usage_error("--tz: " + tz.err().message);
  out.tz = tz.value();
  out.w = window{parse_time_argument("--from", a.from), parse_time_argument("--to", a.to)};
  if (out.w.from_ms > out.w.to_ms) throw usage_error("--from is after --to");
  std::vector<event> events = read_events(a.events_file, {});
  if (!a.masters_file.empty()) {
    std::set<std::string> have;
    for (const event& e : events) have.insert(e.id);
    for (event& m : read_events(a.masters_file, {}))
      if (m.is_master() && have.insert(m.id).second) events.push_back(std::move(m));
  }
  const key_kind by = a.by == "calendar" ? key_kind::calendar : a.by == "resource" ? key_kind::resource : key_kind::user;
  std::vector<std::string> notes;
  out.sources = busy_sources(events, out.tz, by, notes, interpretation_from(a.reading));
  for (const std::string& n : notes) std::cerr << "recur: warning: " << n << '\n';
  return out;
}

std::string iso(const zone& tz, std::int64_t ms) { return format_iso8601(ms, tz); }

int run_conflicts(const schedule_arguments& a) {
  const loaded in = load(a);
  std::size_t count = 0;
  if (a.format == "text") {
    char line[512];
    std::snprintf(line, sizeof line, "%-44s %-44s %-22s %s\n", "A", "B", "KEY", "OVERLAP");
    std::cout << line;
    find_conflicts(in.sources, in.w, [&](const conflict& c) {
      ++count;
      std::snprintf(line, sizeof line, "%-44s %-44s %-22s ", c.a.c_str(), c.b.c_str(), c.key.c_str());
      std::cout << line << iso(in.tz, c.overlap_start_ms) << " .. " << iso(in.tz, c.overlap_end_ms) << '\n';
    });
    std::cout << count << " conflict(s)\n";
  } else {
    // Streamed: each conflict is written as it is found.
    std::cout << "{\"conflicts\": [";
    find_conflicts(in.sources, in.w, [&](const conflict& c) {
      const nlohmann::json j = {{"a", c.a},
                                {"b", c.b},
                                {"key", c.key},
                                {"overlap_start_ms", c.overlap_start_ms},
                                {"overlap_end_ms", c.overlap_end_ms},
                                {"overlap_start", iso(in.tz, c.overlap_start_ms)},
                                {"overlap_end", iso(in.tz, c.overlap_end_ms)}};
      std::cout << (count++ ? ",\n  " : "\n  ") << j.dump();
    });
    std::cout << (count ? "\n" : "") << "], \"count\": " << count << "}\n";
  }
  return count ? exit_discrepancy : exit_ok;
}

std::int64_t parse_minutes(const std::string& option, const std::string& text) {
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
  return n * scale;
}

int run_free(const schedule_arguments& a) {
  const loaded in = load(a);
  std::optional<working_hours> hours;
  if (!a.hours.empty()) {
    auto h = parse_working_hours(a.hours, in.tz);
    if (!h) throw usage_error("--hours: " + h.err().message);
    hours = h.value();
  }
  const std::vector<key_schedule> schedule = free_busy(in.sources, in.w, hours, a.key);
  const key_schedule& k = schedule.front();
  nlohmann::json out = {{"key", k.key}, {"by", a.by}};
  auto list = [&](const std::vector<interval>& v) {
    nlohmann::json j = nlohmann::json::array();
    for (const interval& i : v)
      j.push_back({{"start_ms", i.start_ms}, {"end_ms", i.end_ms}, {"start", iso(in.tz, i.start_ms)},
                   {"end", iso(in.tz, i.end_ms)}});
    return j;
  };
  out["busy"] = list(k.busy);
  out["free"] = list(k.free);
  std::vector<std::int64_t> slots;
  if (!a.slot.empty()) {
    const std::int64_t duration = parse_minutes("--slot", a.slot);
    const std::int64_t step = a.step.empty() ? duration : parse_minutes("--step", a.step);
    slots = free_slots(k.free, duration, step, in.tz);
    nlohmann::json j = nlohmann::json::array();
    for (std::int64_t s : slots) j.push_back({{"start_ms", s}, {"start", iso(in.tz, s)}});
    out["slot_minutes"] = duration / 60000;
    out["slots"] = j;
  }
  if (a.format == "text") {
    std::cout << "busy:\n";
    for (const interval& i : k.busy) std::cout << "  " << iso(in.tz, i.start_ms) << " .. " << iso(in.tz, i.end_ms) << '\n';
    std::cout << "free:\n";
    for (const interval& i : k.free) std::cout << "  " << iso(in.tz, i.start_ms) << " .. " << iso(in.tz, i.end_ms) << '\n';
    if (!a.slot.empty()) {
      std::cout << "slots (" << a.slot << "):\n";
      for (std::int64_t s : slots) std::cout << "  " << iso(in.tz, s) << '\n';
    }
  } else {
    std::cout << out.dump(2) << '\n';
  }
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
  cmd->add_option("--format", args->format, "json (default) or text")->check(CLI::IsMember({"json", "text"}));
  cmd->footer(
      "Example:\n"
      "  recur free --events cli/examples/calendar.json --tz America/Chicago --from 2026-11-09T00:00:00-06:00 \\\n"
      "             --to 2026-11-14T00:00:00-06:00 --by user --key alice --hours 'Mon-Fri 09:00-17:00' --slot 30m\n"
      "Exit status: 0 ok, 2 invalid arguments or input.");
  return command{cmd, [args] { return run_free(*args); }};
}

}  // namespace recur::cli
