// recur expand: the occurrences of one series, as epoch ms, instance ids or JSON.
#include <cstdio>
#include <iostream>
#include <limits>
#include <memory>

#include <nlohmann/json.hpp>

#include "arguments.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "recur/expand.hpp"
#include "recur/instance_id.hpp"
#include "recur/iso8601.hpp"

namespace recur::cli {
namespace {

struct expand_arguments {
  series_arguments series_args;
  std::string from, to, master, format = "ms";
  std::optional<std::size_t> limit;
};

int run_expand(const expand_arguments& a) {
  const series s = build_series(a.series_args);
  window w;
  if (!a.from.empty()) w.from = parse_time_argument("--from", a.from);
  if (!a.to.empty()) w.to = parse_time_argument("--to", a.to);
  if (w.from > w.to) throw usage_error("--from " + a.from + " is after --to " + a.to);
  if (a.format == "ids" && a.master.empty()) throw usage_error("--format ids needs --master ID");
  if (a.to.empty() && !a.limit && !s.finite())
    throw usage_error("the rule has no COUNT or UNTIL, so the series never ends: give --to or --limit");
  const seconds duration = std::chrono::duration_cast<seconds>(s.duration());
  if (duration != s.duration()) throw usage_error("the duration must be whole seconds");

  // Streams: occurrences are written as they are generated, through a fixed buffer, so memory
  // stays flat however long the series.
  const std::size_t limit = a.limit.value_or(default_max_occurrences);
  const bool json = a.format == "json";
  zone_converter converter(s.tz());
  auto iso = [&](instant t) {
    int offset = 0;
    converter.to_local(floor_div(unix_ms(t), 1000), &offset);
    return format_iso8601(unix_ms(t), offset);
  };
  std::string out;
  out.reserve(1 << 16);
  auto flush = [&out] {
    std::fwrite(out.data(), 1, out.size(), stdout);
    out.clear();
  };
  std::size_t listed = 0;
  bool truncated = false;
  char buf[512];
  if (json) out += "[";
  for (instant start : occurrences(s, w)) {
    if (listed == limit) {
      truncated = true;
      break;
    }
    if (json) {
      nlohmann::json item;
      item["id"] = a.master.empty() ? nlohmann::json(nullptr) : nlohmann::json(format_instance_id(a.master, start, duration));
      item["startTime"] = iso(start);
      item["endTime"] = iso(start + s.duration());
      out += listed ? ",\n  " : "\n  ";
      out += json_text(item);
    } else if (a.format == "ids") {
      const std::size_t n = format_instance_id(buf, sizeof buf, a.master, start, duration);
      if (n > 0) out.append(buf, n);
      else out += format_instance_id(a.master, start, duration);  // a long id: no cut
      out += '\n';
    } else {
      const int n = std::snprintf(buf, sizeof buf, "%lld\n", static_cast<long long>(unix_ms(start)));
      out.append(buf, static_cast<std::size_t>(n));
    }
    ++listed;
    if (out.size() > (1 << 16) - 1024) flush();
  }
  if (json) out += listed ? "\n]\n" : "]\n";
  flush();
  if (truncated && !a.limit)
    throw usage_error("more than " + std::to_string(default_max_occurrences) +
                      " occurrences (the default limit): narrow --from/--to or pass --limit");
  if (truncated)
    std::cerr << "recur: note: stopped after --limit " << *a.limit << " occurrences; the series has more\n";
  return exit_ok;
}

}  // namespace

command add_expand_command(CLI::App& app) {
  auto args = std::make_shared<expand_arguments>();
  CLI::App* cmd = app.add_subcommand("expand", "List the occurrences of a recurring event");
  cmd->description(
      "List the occurrences of a recurring event (RFC 5545), in ascending order.\n"
      "An occurrence [start, start+duration) is listed when it overlaps the window [--from, --to]\n"
      "(a zero-length one when --from <= start <= --to).");
  add_series_options(*cmd, args->series_args);
  cmd->add_option("--from", args->from, "Window start: epoch milliseconds or ISO 8601 with offset (inclusive)");
  cmd->add_option("--to", args->to, "Window end: epoch milliseconds or ISO 8601 with offset (inclusive)");
  cmd->add_option("--master", args->master, "Master event id, for instance ids masterId_startMillis_durationSeconds");
  cmd->add_option("--format", args->format,
                  "ms: one start (UTC epoch ms) a line; ids: one instance id a line (needs --master); "
                  "json: [{id, startTime, endTime}] in the event's zone")
      ->check(CLI::IsMember({"ms", "ids", "json"}));
  cmd->add_option("--limit", args->limit, "List at most N occurrences (a note on stderr says when more exist)")
      ->check(CLI::PositiveNumber);
  cmd->footer(
      "Examples:\n"
      "  recur expand --rrule 'RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4' --start 2026-03-02T09:00:00-05:00 \\\n"
      "               --tz America/New_York --duration 1800 --master evt1 --format ids\n"
      "  recur expand --rrule $'RRULE:FREQ=DAILY\\nEXDATE:20260303T140000Z' --start 2026-03-01T09:00:00-05:00 \\\n"
      "               --tz America/New_York --from 2026-03-01T00:00:00Z --to 2026-03-07T00:00:00Z\n"
      "Exit status: 0 success, 2 invalid arguments or input (one line on stderr says what is wrong).");
  return command{cmd, [args] { return run_expand(*args); }};
}

}  // namespace recur::cli
