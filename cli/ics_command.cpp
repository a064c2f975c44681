// recur ics import / recur ics export: iCalendar files to the API's events JSON and back
// (recur/ics.hpp; built with libical, RECUR_HAVE_ICS).
#include <chrono>
#include <iostream>
#include <memory>

#include "arguments.hpp"
#include "commands.hpp"
#include "event_input.hpp"
#include "output.hpp"
#ifdef RECUR_HAVE_ICS
#include "ics_module.hpp"
#endif

namespace recur::cli {
namespace {

struct ics_arguments {
  std::string file, events_file, tz;
  std::vector<std::string> aliases;  // NAME=Area/City
};

#ifdef RECUR_HAVE_ICS
ics::import_options import_options_of(const ics_arguments& a) {
  ics::import_options options;
  if (!a.tz.empty()) options.default_zone = zone_for(a.tz, {});
  for (const std::string& alias : a.aliases) {
    const std::size_t eq = alias.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == alias.size())
      throw usage_error("--zone-alias " + in_quotes(alias) + " is not NAME=Area/City");
    if (auto z = zone::load(alias.substr(eq + 1)); !z) throw usage_error("--zone-alias: " + z.err().message);
    options.zone_aliases.emplace_back(alias.substr(0, eq), alias.substr(eq + 1));
  }
  return options;
}

int run_import(const ics_arguments& a) {
  const std::string name = a.file == "-" ? std::string("stdin") : in_quotes(a.file);
  std::cout << api::encode_events(import_ics(read_input(a.file), name, import_options_of(a))) << '\n';
  return exit_ok;
}

int run_export(const ics_arguments& a) {
  ics::export_options options;
  if (!a.tz.empty()) options.default_zone = zone_for(a.tz, {});
  options.stamp = std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
  auto text = ics_module().export_calendar(read_calendar_events(a.events_file, {}), options);
  if (!text) throw usage_error(text.err().message);
  std::cout << *text;
  return exit_ok;
}
#else
int not_built(const ics_arguments&) {
  throw usage_error("this recur was built without libical, so without iCalendar support (install libical-dev, rebuild)");
}
#endif

}  // namespace

command add_ics_command(CLI::App& app) {
  auto args = std::make_shared<ics_arguments>();
  CLI::App* cmd = app.add_subcommand("ics", "iCalendar (.ics) files to the API's events JSON and back");
  cmd->require_subcommand(1);
  CLI::App* import = cmd->add_subcommand("import", "A VCALENDAR as the API's events JSON ({\"events\": [...]}) on stdout");
  import->add_option("file", args->file, "The .ics file, or - for stdin")->required();
  import->add_option("--tz", args->tz, "Zone of floating and all-day times when the file names none (X-WR-TIMEZONE)")
      ->check(zone_name_given());
  import->add_option("--zone-alias", args->aliases, "NAME=Area/City: read TZID NAME as that IANA zone (repeatable)");
  import->footer(
      "Masters carry the rule as the API does (RRULE, EXDATE/RDATE in UTC), RECURRENCE-ID events become\n"
      "instance rows (masterId_originalStartMillis_durationSeconds; STATUS:CANCELLED -> cancelled), and every\n"
      "event keeps its zone in a timeZone field that expand, reconcile, conflicts and free use when --tz is absent.\n"
      "TZIDs: IANA names, Windows names (CLDR windowsZones), X-LIC-LOCATION, --zone-alias; others are refused.\n"
      "Example:\n"
      "  recur ics import cli/examples/calendar.ics > events.json\n"
      "Exit status: 0 imported, 2 unreadable file (the message names the line).");
  CLI::App* exp = cmd->add_subcommand("export", "The API's events JSON as one VCALENDAR on stdout");
  exp->add_option("--events", args->events_file, "Events JSON file, or - for stdin")->required();
  exp->add_option("--tz", args->tz, "Zone of events without a timeZone of their own (else such an event is an error)")
      ->check(zone_name_given());
  exp->footer(
      "Each master a VEVENT (DTSTART;TZID, RRULE, EXDATE, RDATE), each instance row a RECURRENCE-ID VEVENT, one\n"
      "VTIMEZONE per zone generated from tzdata for the span of its series; lines folded at 75 octets.\n"
      "Example:\n"
      "  recur ics export --events cli/examples/events.json --tz America/New_York > calendar.ics\n"
      "Exit status: 0 exported, 2 invalid arguments or events (the message names the event).");
#ifdef RECUR_HAVE_ICS
  return command{cmd, [args, import] { return import->parsed() ? run_import(*args) : run_export(*args); },
                 [] { return true; }};  // the iCalendar module
#else
  return command{cmd, [args] { return not_built(*args); }};
#endif
}

}  // namespace recur::cli
