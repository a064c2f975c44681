// recur reconcile: fetched events of a window checked against their series.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "api_options.hpp"
#include "arguments.hpp"
#include "commands.hpp"
#include "detect_command.hpp"
#include "event_input.hpp"
#include "recur/api/event_json.hpp"
#include "recur/api/reconcile_json.hpp"
#include "recur/iso8601.hpp"
#include "output.hpp"
#include "reconcile_batch.hpp"
#include "recur/reconcile.hpp"

namespace recur::cli {
namespace {

struct reconcile_arguments {
  std::string events_file, masters_file, tz, from, to, format = "json", assume_tz, batch;
  std::size_t max_missing = reconcile_options{}.max_missing;
  std::size_t jobs = std::max(1u, std::thread::hardware_concurrency());
  std::size_t max_line_bytes = batch_options{}.max_line_bytes;
  interpretation_arguments reading;
  api_arguments api_args;
};

// API mode: the window's events, then each master once by its masterEventId.
void fetch_from_api(const reconcile_arguments& a, window w, std::vector<event>& fetched, std::vector<event>& masters) {
  const api::events_query query = make_query(a.api_args, w.from, w.to);
  api::client client = make_client(a.api_args);
  auto got = client.list_events(query);
  if (!got) throw api_failure(got.err());
  for (const std::string& warning : got.value().warnings) warn(warning);
  fetched = api::to_events(got.value().events);
  add_master_rows(fetched, masters);
  std::set<std::string> master_ids;
  for (const event& m : masters) master_ids.insert(m.id);
  std::set<std::string> wanted;
  for (const event& e : fetched)
    if (!e.series_id.empty()) wanted.insert(e.series_id);
  std::size_t to_fetch = 0;
  for (const std::string& id : wanted) to_fetch += master_ids.count(id) ? 0 : 1;
  if (to_fetch > a.api_args.max_masters)
    throw usage_error("the window's instances name " + std::to_string(to_fetch) + " masters to fetch, more than " +
                      std::to_string(a.api_args.max_masters) + " (--max-masters); narrow the window or pass --masters");
  for (const std::string& id : wanted) {
    if (master_ids.count(id)) continue;
    auto m = client.get_event(id);
    if (!m) {
      if (m.err().kind == api::error_kind::not_found) continue;  // its instances land in `orphan`
      throw api_failure(m.err());
    }
    if (master_ids.insert(m.value().id).second) masters.push_back(api::to_event(m.value()));
  }
}

// {"summary": {...}, "items": [...], "notes": [...]}, one item at a time (no document of
// every item is built).
void write_json(std::ostream& out, const reconcile_report& r) {
  out << "{\n  \"summary\": " << api::encode_summary(r.summary) << ",\n  \"items\": [";
  const char* separator = "\n    ";
  for (const reconcile_item& item : r.items) {
    out << separator << api::encode_item(item);
    separator = ",\n    ";
  }
  out << (r.items.empty() ? "" : "\n  ") << "],\n  \"notes\": " << json_text(r.notes) << "\n}\n";
}

void write_text(std::ostream& out, const reconcile_report& r, const zone& tz) {
  auto when = [&](const std::optional<instant>& t) -> std::string { return t ? format_iso8601(*t, tz) : "-"; };
  out << padded("CATEGORY", 22) << padded("ID", 44) << padded("EXPECTED START", 26) << padded("ACTUAL START", 26)
      << "REASON\n";
  for (const reconcile_item& item : r.items) {
    const std::string cat = std::string(to_string(item.what)) + (item.cancelled ? " (cancelled)" : "");
    out << padded(cat, 22) << padded(printable(item.id, 4096), 44) << padded(when(item.expected_start), 26)
        << padded(when(item.actual_start), 26) << printable(item.reason, 4096) << '\n';
  }
  const reconcile_summary& s = r.summary;
  out << "\nfetched " << s.fetched << ", expected " << s.expected << ": matched " << s.matched << ", missing "
      << s.missing << ", unexpected " << s.unexpected << ", moved " << s.moved << ", duration_mismatch "
      << s.duration_mismatch << ", duplicate " << s.duplicate << ", malformed " << s.malformed << ", orphan "
      << s.orphan << ", single " << s.single << ", master " << s.master << "; cancelled " << s.cancelled << '\n';
  for (const std::string& note : r.notes) out << "note: " << printable(note, 4096) << '\n';
}

// --batch: one location per line; the options that describe one location come from the line.
int run_batch(const reconcile_arguments& a, const CLI::App& cmd) {
  const std::set<std::string> for_every_line = {"--batch", "--jobs", "--max-line-bytes", "--max-missing",
                                                 "--profile", "--lenient", "--gap", "--help"};
  for (const CLI::Option* o : cmd.get_options())
    if (o->count() && !for_every_line.count(o->get_name()))
      throw usage_error(o->get_name() + " describes one location: with --batch, each line gives its own "
                                        "(\"tz\", \"events\", \"masters\", \"from\", \"to\", \"profile\")");
  if (a.jobs == 0 || a.jobs > 256) throw usage_error("--jobs " + std::to_string(a.jobs) + " is outside 1..256");
  if (a.max_line_bytes == 0) throw usage_error("--max-line-bytes must be positive");
  batch_options o;
  o.jobs = a.jobs;
  o.max_line_bytes = a.max_line_bytes;
  o.request.max_missing = a.max_missing;
  if (a.reading.profile == "auto") throw usage_error("--profile auto is not available with --batch: name a profile");
  auto p = parse_profile(a.reading.profile);
  if (!p) throw usage_error("--profile: " + p.err().message);
  o.request.default_profile = p.value();
  o.request.lenient = a.reading.lenient;
  o.request.gaps = interpretation_from(a.reading, p.value()).series.gaps;
  std::error_code ec;
  const auto kind = std::filesystem::status(a.batch, ec).type();
  if (a.batch != "-" && (kind == std::filesystem::file_type::character || kind == std::filesystem::file_type::block))
    throw usage_error("--batch " + in_quotes(a.batch) + " is a device, not a file of requests (use - for stdin)");
  std::ifstream file;
  return run_reconcile_batch(open_input(a.batch, file), std::cout, o);
}

int run_reconcile(const reconcile_arguments& a, const CLI::App& cmd) {
  if (!a.batch.empty()) return run_batch(a, cmd);
  for (const char* batch_only : {"--jobs", "--max-line-bytes"})
    if (cmd.count(batch_only)) throw usage_error(std::string(batch_only) + " applies only with --batch");
  if (!a.tz.empty()) (void)zone_for(a.tz, {});  // a bad --tz is named before any input is read
  const api::decode_options options = decode_options_for(a.assume_tz);
  const bool from_api = !a.api_args.location.empty();
  if (from_api == !a.events_file.empty())
    throw usage_error("give one of --events FILE, --location (with --calendar, --group or --user) to fetch, "
                      "or --batch FILE");
  std::vector<event> fetched;
  std::vector<event> masters;
  // Every row of one source goes to reconcile, which notes an id listed twice; --masters
  // takes precedence over master rows found among the events.
  if (!a.masters_file.empty()) masters = read_events(a.masters_file, options);

  window w;
  if (!a.from.empty()) w.from = parse_time_argument("--from", a.from);
  if (!a.to.empty()) w.to = parse_time_argument("--to", a.to);
  if (from_api) {
    if (a.from.empty() || a.to.empty()) throw usage_error("fetching needs --from and --to");
    if (w.from > w.to) throw usage_error("--from is after --to");
    fetch_from_api(a, w, fetched, masters);
  } else {
    fetched = read_events(a.events_file, options);
    add_master_rows(fetched, masters);
  }
  if (a.from.empty() || a.to.empty()) {  // default: the span of the fetched occurrences
    const std::optional<window> span = span_of(fetched);
    if (!span) throw usage_error("no window: give --from and --to (the events file has no timed occurrences)");
    if (a.from.empty()) w.from = span->from;
    if (a.to.empty()) w.to = span->to;
  }
  if (w.from > w.to) throw usage_error("--from is after --to");
  const zone tz = zone_for(a.tz, masters);

  reconcile_options ro;
  std::string detected;
  if (a.reading.profile == "auto") {
    const gap_policy gaps = interpretation_from(a.reading, profile::rfc).series.gaps;
    const profile_detection d = detect_profile(fetched, masters, tz, gaps);
    ro.how = interpretation_from(a.reading, d.best);
    detected = "profile auto: " + summary_line(d);
  } else {
    ro.how = interpretation_from(a.reading);
  }
  ro.max_missing = a.max_missing;
  auto reconciled = reconcile(fetched, masters, tz, w, ro);
  if (!reconciled) throw usage_error(reconciled.err().message + " (--max-missing)");
  reconcile_report& report = reconciled.value();
  if (!detected.empty()) report.notes.insert(report.notes.begin(), detected);
  if (a.format == "text") write_text(std::cout, report, tz);
  else write_json(std::cout, report);
  return report.clean() ? exit_ok : exit_discrepancy;
}

}  // namespace

command add_reconcile_command(CLI::App& app) {
  auto args = std::make_shared<reconcile_arguments>();
  CLI::App* cmd = app.add_subcommand("reconcile", "Check fetched events against their recurring series");
  cmd->description(
      "Check the events the calendar API returned for a window against their series: every fetched event lands in\n"
      "one category (matched, unexpected, moved, duration_mismatch, duplicate, malformed, orphan, single, master)\n"
      "and every expected occurrence not fetched is listed as missing. Cancelled events are flagged.");
  cmd->add_option("--events", args->events_file,
                  "The API response {\"events\": [...]} (file, or - for stdin); or fetch it with --location");
  cmd->add_option("--masters", args->masters_file,
                  "Master events (with rrule) as {\"events\": [...]} or {\"event\": {...}}; default: the master rows "
                  "in --events");
  cmd->add_option("--tz", args->tz, "IANA zone the series' rules run in, for masters without a timeZone of their own (required unless every master has one, or with --batch)")
      ->check(zone_name_given());
  cmd->add_option("--from", args->from, "Window start (epoch ms or ISO 8601); default: earliest fetched start");
  cmd->add_option("--to", args->to, "Window end (epoch ms or ISO 8601); default: latest fetched end");
  cmd->add_option("--format", args->format, "json (default) or text")->check(CLI::IsMember({"json", "text"}));
  cmd->add_option("--max-masters", args->api_args.max_masters,
                  "With --location: the most masters fetched by id (default 500); more is exit 2");
  cmd->add_option("--max-missing", args->max_missing,
                  "The most missing occurrences listed (default 200000); more is exit 2: narrow the window");
  cmd->add_option("--assume-tz", args->assume_tz, "Zone for event times written without an offset (default UTC)")
      ->check(zone_name_given());
  cmd->add_option("--batch", args->batch,
                  "Many locations: JSON Lines (file, or - for stdin), one request per line: {\"location\", \"tz\", "
                  "\"events\", \"masters\", \"from\", \"to\", \"profile\"}; one report per line, in input order");
  cmd->add_option("--jobs", args->jobs, "With --batch: worker threads (default: the machine's cores)");
  cmd->add_option("--max-line-bytes", args->max_line_bytes,
                  "With --batch: the longest line read (default 64 MiB); a longer one is answered with an error");
  add_interpretation_options(*cmd, args->reading, /*allow_auto=*/true);
  add_api_options(*cmd, args->api_args);
  cmd->footer(
      "Example:\n"
      "  recur reconcile --events cli/examples/events.json --tz America/New_York --format text\n"
      "  GHL_TOKEN=... recur reconcile --location L --calendar C --from 2026-10-01T00:00:00Z --to 2026-10-31T23:59:59Z \\\n"
      "                --tz America/New_York   (fetches the window, then each master once by masterEventId)\n"
      "  recur reconcile --batch cli/examples/locations.jsonl --jobs 2   (JSON Lines: one report per line, in order)\n"
      "Exit status: 0 everything matched, 1 discrepancies found, 2 invalid arguments or input, 3 API error,\n"
      "4 network error or timeout.");
  return command{cmd, [args, cmd] { return run_reconcile(*args, *cmd); },
                 [args] { return !args->api_args.location.empty(); }};  // fetching: libcurl
}

}  // namespace recur::cli
