// recur expand: the occurrences of one series, as epoch ms, instance ids or JSON.
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <limits>
#include <memory>

#include <nlohmann/json.hpp>

#include "arguments.hpp"
#include "commands.hpp"
#include "event_input.hpp"
#include "output.hpp"
#include "recur/expand.hpp"
#include "recur/instance_id.hpp"
#include "recur/iso8601.hpp"

namespace recur::cli {
namespace {

struct expand_arguments {
  series_arguments series_args;
  std::string from, to, master, format = "ms", event_file;
  std::optional<std::size_t> limit;
};

// The master of an --event file: the one there, or the one --master names.
const api::calendar_event& pick_master(const std::vector<api::calendar_event>& events, const std::string& wanted) {
  const api::calendar_event* found = nullptr;
  std::size_t masters = 0;
  for (const api::calendar_event& e : events) {
    if (e.rrule.empty() || !e.master_event_id.empty()) continue;
    ++masters;
    if (wanted.empty() ? masters == 1 : e.id == wanted) found = &e;
  }
  if (!wanted.empty() && !found) throw usage_error("--event: no master with id " + in_quotes(wanted));
  if (!found) throw usage_error("--event: the file has no master event (an event with an rrule)");
  if (wanted.empty() && masters > 1)
    throw usage_error("--event: the file has " + std::to_string(masters) + " master events; pick one with --master ID");
  if (!found->problems.empty()) throw usage_error("--event: " + found->problems.front());
  return *found;
}

// --event: the series options from the event itself (its own zone unless --tz is given).
expand_arguments with_event(expand_arguments a) {
  if (a.event_file.empty()) return a;
  const std::vector<api::calendar_event> events = read_events_or_ics(a.event_file, a.series_args.tz);
  const api::calendar_event& m = pick_master(events, a.master);
  series_arguments& s = a.series_args;
  if (s.tz.empty()) s.tz = m.time_zone;
  const zone written = m.tz ? *m.tz : zone::fixed(m.start_offset.value_or(seconds(0)));
  s.rrule = m.rrule;
  s.start = format_iso8601(*m.start, written);
  s.end = format_iso8601(*m.end, written);
  if (a.master.empty()) a.master = m.id;
  return a;
}

// Output gathered in one block and written to stdout as it fills: text is copied in, numbers
// and ids are formatted in place, with no string in between. The block starts at 16 KiB and
// becomes 64 KiB once 1 MiB has gone out: a listing of up to a megabyte touches four pages (a
// page fault each), a longer one makes a quarter of the write calls from there on.
class stdout_block {
 public:
  stdout_block() : data_(new char[first_capacity]) {}
  stdout_block(const stdout_block&) = delete;
  stdout_block& operator=(const stdout_block&) = delete;

  // n (at most 16 KiB) writable bytes at the cursor; commit() what was written.
  char* room(std::size_t n) {
    if (n > capacity_ - used_) flush();
    return data_.get() + used_;
  }
  void commit(std::size_t n) noexcept { used_ += n; }
  void append(std::string_view text) {
    if (text.size() > capacity_) {
      flush();
      std::fwrite(text.data(), 1, text.size(), stdout);
      return;
    }
    std::memcpy(room(text.size()), text.data(), text.size());
    used_ += text.size();
  }
  void append(char c) { *room(1) = c, ++used_; }
  void append_number(std::int64_t v) {
    char* at = room(24);
    used_ += static_cast<std::size_t>(std::to_chars(at, at + 24, v).ptr - at);
  }
  void flush() {
    std::fwrite(data_.get(), 1, used_, stdout);
    used_ = 0;
    if (++flushes_ == 64 && capacity_ < last_capacity) {
      data_.reset(new char[last_capacity]);
      capacity_ = last_capacity;
    }
  }

 private:
  static constexpr std::size_t first_capacity = std::size_t{1} << 14, last_capacity = std::size_t{1} << 16;
  std::unique_ptr<char[]> data_;
  std::size_t capacity_ = first_capacity;
  std::size_t used_ = 0;
  int flushes_ = 0;
};

// Writes occurrences as epoch ms, instance ids or JSON, through a fixed buffer, so memory
// stays flat however long the series. Numbers and times are formatted into the buffer
// directly (no snprintf, no JSON object per occurrence); the master id is JSON-escaped once.
class occurrence_writer {
 public:
  occurrence_writer(const expand_arguments& a, const series& s)
      : format_(a.format == "json" ? format::json : a.format == "ids" ? format::ids : format::ms),
        master_(a.master), series_(s), converter_(s.tz()),
        duration_(std::chrono::duration_cast<seconds>(s.duration())) {
    if (format_ == format::json) {
      out_.append('[');
      if (!master_.empty()) {  // the id's JSON text is the escaped master, then digits and '_'
        escaped_master_ = json_text(nlohmann::json(master_));
        escaped_master_.pop_back();  // keep the opening quote, drop the closing one
      }
    }
  }

  void write(instant start) {
    switch (format_) {
      case format::json: write_json(start); break;
      case format::ids: {
        constexpr std::size_t id_room = 512;
        const std::size_t n = format_instance_id(out_.room(id_room), id_room, master_, start, duration_);
        if (n > 0) out_.commit(n);
        else out_.append(format_instance_id(master_, start, duration_));  // a long id: no cut
        out_.append('\n');
        break;
      }
      case format::ms:
        out_.append_number(unix_ms(start));
        out_.append('\n');
        break;
    }
    ++written_;
  }

  void finish() {
    if (format_ == format::json) out_.append(written_ ? "\n]\n" : "]\n");
    out_.flush();
  }

 private:
  enum class format { ms, ids, json };

  // {"endTime":"...","id":"..." or null,"startTime":"..."}: the keys in the order the JSON
  // library writes them everywhere else.
  void write_json(instant start) {
    char start_text[iso8601_max_size];
    const std::size_t start_length = iso_text(start_text, start);
    out_.append(written_ ? ",\n  {\"endTime\":\"" : "\n  {\"endTime\":\"");
    if (series_.duration().count() == 0) {
      out_.append({start_text, start_length});  // a zero-length event ends where it starts
    } else {
      char end_text[iso8601_max_size];
      out_.append({end_text, iso_text(end_text, start + series_.duration())});
    }
    out_.append("\",\"id\":");
    if (master_.empty()) {
      out_.append("null");
    } else {
      out_.append(escaped_master_);
      constexpr std::size_t suffix_room = 64;  // "_ms_s"
      out_.commit(format_instance_id(out_.room(suffix_room), suffix_room, "", start, duration_));
      out_.append('"');
    }
    out_.append(",\"startTime\":\"");
    out_.append({start_text, start_length});
    out_.append("\"}");
  }

  // t in the series' zone, as ISO 8601 with its offset, written at `text`.
  std::size_t iso_text(char (&text)[iso8601_max_size], instant t) {
    seconds offset{};
    converter_.to_local(t, &offset);
    return format_iso8601(text, sizeof text, t, offset);
  }

  const format format_;
  const std::string& master_;
  std::string escaped_master_;  // JSON: the master id, quoted and escaped, without the closing quote
  const series& series_;
  zone_converter converter_;
  seconds duration_;
  stdout_block out_;
  std::size_t written_ = 0;
};

int run_expand(const expand_arguments& given) {
  const expand_arguments a = with_event(given);
  const series s = build_series(a.series_args);
  window w;
  if (!a.from.empty()) w.from = parse_time_argument("--from", a.from);
  if (!a.to.empty()) w.to = parse_time_argument("--to", a.to);
  if (w.from > w.to) throw usage_error("--from " + a.from + " is after --to " + a.to);
  if (a.format == "ids" && a.master.empty()) throw usage_error("--format ids needs --master ID");
  if (a.to.empty() && !a.limit && !s.finite())
    throw usage_error("the rule has no COUNT or UNTIL, so the series never ends: give --to or --limit");
  if (std::chrono::duration_cast<seconds>(s.duration()) != s.duration())
    throw usage_error("the duration must be whole seconds");

  const std::size_t limit = a.limit.value_or(default_max_occurrences);
  std::size_t listed = 0;
  bool truncated = false;
  occurrence_writer writer(a, s);
  for (instant start : occurrences(s, w)) {
    if (listed == limit) {
      truncated = true;
      break;
    }
    writer.write(start);
    ++listed;
  }
  writer.finish();
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
  cmd->add_option("--event", args->event_file,
                  "The event itself, instead of --rrule/--start/--end: an events JSON file or an .ics file (- for "
                  "stdin); its master (or the one --master names) in its own zone (timeZone) unless --tz is given")
      ->excludes(cmd->get_option("--rrule"))
      ->excludes(cmd->get_option("--start"))
      ->excludes(cmd->get_option("--end"))
      ->excludes(cmd->get_option("--duration"));
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
      "  recur expand --event cli/examples/calendar.ics --master weekly-standup --format ids --limit 5\n"
      "Exit status: 0 success, 2 invalid arguments or input (one line on stderr says what is wrong).");
  // An --event file may be iCalendar, read through the iCalendar module.
  return command{cmd, [args] { return run_expand(*args); }, [args] { return !args->event_file.empty(); }};
}

}  // namespace recur::cli
