// recur describe: a recurrence in English, every part of it named (recur/describe.hpp).
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "arguments.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "recur/describe.hpp"
#include "recur/iso8601.hpp"

namespace recur::cli {
namespace {

struct describe_arguments {
  std::string rrule, start, tz, format = "text";
  interpretation_arguments reading;
};

// DTSTART's wall clock: --start as written, or read in --tz when both are given.
std::optional<civil_seconds> dtstart_of(const describe_arguments& a) {
  if (a.start.empty()) {
    if (!a.tz.empty()) throw usage_error("--tz names the zone of --start: give --start too");
    return std::nullopt;
  }
  auto t = parse_iso8601(a.start);
  if (!t) throw usage_error("--start: " + t.err().message);
  if (a.tz.empty()) return t->local;
  auto z = zone::load(a.tz);
  if (!z) throw usage_error("--tz: " + z.err().message);
  return z.value().to_local(t->in_zone(z.value()));
}

nlohmann::json to_json(const description& d) {
  nlohmann::json parts = nlohmann::json::array();
  for (const description_part& p : d.parts) parts.push_back({{"part", p.name}, {"value", p.value}, {"words", p.words}});
  return {{"text", d.text}, {"parts", parts}};
}

int run_describe(const describe_arguments& a) {
  auto parsed = parse_recurrence(a.rrule, interpretation_from(a.reading).parse);
  if (!parsed) throw usage_error("--rrule: " + parsed.err().message);
  for (const std::string& w : parsed.value().warnings) warn(w);
  const description d = describe(parsed.value().value, dtstart_of(a));
  if (a.format == "json") std::cout << json_text(to_json(d), 2) << '\n';
  else std::cout << d.text << '\n';
  return exit_ok;
}

}  // namespace

command add_describe_command(CLI::App& app) {
  auto args = std::make_shared<describe_arguments>();
  CLI::App* cmd = app.add_subcommand("describe", "A recurrence rule in English, every part of it named");
  cmd->description(
      "The rule in words, without loss: every part of the rule appears in the text, EXDATE and RDATE values are\n"
      "counted. What the rule leaves to DTSTART (the weekday of a weekly rule, the time of day) is named from\n"
      "--start when it is given.");
  cmd->add_option("--rrule", args->rrule, "Recurrence text as the API carries it (RRULE, EXDATE and RDATE parts)")
      ->required();
  cmd->add_option("--start", args->start, "DTSTART (ISO 8601), to name the weekday, day and time it implies");
  cmd->add_option("--tz", args->tz, "IANA zone in which --start is read")->check(zone_name_given());
  cmd->add_option("--format", args->format, "text (default) or json ({\"text\", \"parts\": [{\"part\", \"value\", \"words\"}]})")
      ->check(CLI::IsMember({"text", "json"}));
  add_interpretation_options(*cmd, args->reading);
  cmd->remove_option(cmd->get_option("--gap"));  // gaps are an expansion matter: nothing to describe
  cmd->footer(
      "Example:\n"
      "  recur describe --rrule 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10' --start 2026-03-03T09:00:00-05:00\n"
      "  every 2 weeks on Tuesday and Thursday at 09:00, 10 times\n"
      "Exit status: 0 described, 2 invalid arguments or rule.");
  return command{cmd, [args] { return run_describe(*args); }};
}

}  // namespace recur::cli
