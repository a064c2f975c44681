// recur detect-profile: which interpretation profile explains a server's instance ids.
#include "detect_command.hpp"

#include <iostream>
#include <memory>

#include "arguments.hpp"
#include "commands.hpp"
#include "event_input.hpp"
#include "output.hpp"

namespace recur::cli {
namespace {

struct detect_arguments {
  std::string events_file, masters_file, tz, format = "json", assume_tz;
  interpretation_arguments reading;  // --gap only: the profile is what is detected
};

nlohmann::json counts_json(const profile_counts& counts) {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t p = 0; p < profile_count; ++p) out[to_string(all_profiles[p])] = counts[p];
  return out;
}

nlohmann::json profiles_json(const std::array<bool, profile_count>& valid) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t p = 0; p < profile_count; ++p)
    if (valid[p]) out.push_back(to_string(all_profiles[p]));
  return out;
}

std::string text_report(const profile_detection& d) {
  std::string out;
  for (const master_fit& m : d.masters) {
    out += printable(m.master_id, 4096) + ": " + std::to_string(m.ids_checked) + " ids;";
    for (std::size_t p = 0; p < profile_count; ++p)
      out += std::string(" ") + to_string(all_profiles[p]) + " " + std::to_string(m.disagreements[p]);
    out += " disagreements\n";
    for (const separating_id& s : m.separating)
      out += "  " + printable(s.id, 4096) + " valid under " + json_text(profiles_json(s.valid_under)) + "\n";
  }
  for (const std::string& n : d.notes) out += "note: " + printable(n, 4096) + "\n";
  return out + "profile: " + summary_line(d) + "\n";
}

int run_detect(const detect_arguments& a) {
  if (!a.tz.empty()) (void)zone_for(a.tz, {});  // a bad --tz is named before any input is read
  const event_set in = read_event_set(a.events_file, a.masters_file, a.assume_tz);
  const zone tz = zone_for(a.tz, in.masters);
  const interpretation how = interpretation_from(a.reading);
  const profile_detection d = detect_profile(in.fetched, in.masters, tz, how.series.gaps);
  if (a.format == "text") std::cout << text_report(d);
  else std::cout << json_text(to_json(d), 2) << '\n';
  return d.explains_all ? exit_ok : exit_discrepancy;
}

}  // namespace

nlohmann::json to_json(const profile_detection& d) {
  nlohmann::json masters = nlohmann::json::array();
  for (const master_fit& m : d.masters) {
    nlohmann::json separating = nlohmann::json::array();
    for (const separating_id& s : m.separating)
      separating.push_back({{"id", s.id}, {"valid_under", profiles_json(s.valid_under)}});
    masters.push_back({{"masterEventId", m.master_id},
                       {"ids_checked", m.ids_checked},
                       {"disagreements", counts_json(m.disagreements)},
                       {"separating_ids", separating}});
  }
  nlohmann::json candidates = nlohmann::json::array();
  for (profile p : d.candidates) candidates.push_back(to_string(p));
  return {{"profile", to_string(d.best)},
          {"explains_all", d.explains_all},
          {"candidates", candidates},
          {"ids_checked", d.ids_checked},
          {"disagreements", counts_json(d.disagreements)},
          {"masters", masters},
          {"notes", d.notes}};
}

std::string summary_line(const profile_detection& d) {
  const std::size_t best = static_cast<std::size_t>(d.best);
  std::string out = std::string(to_string(d.best)) +
                    (d.explains_all ? " explains all " + std::to_string(d.ids_checked)
                                    : " disagrees least, with " + std::to_string(d.disagreements[best]) + " of " +
                                          std::to_string(d.ids_checked)) +
                    " instance ids (";
  for (std::size_t p = 0; p < profile_count; ++p)
    out += std::string(p ? ", " : "") + to_string(all_profiles[p]) + " " + std::to_string(d.disagreements[p]);
  return out + " disagreements)";
}

command add_detect_command(CLI::App& app) {
  auto args = std::make_shared<detect_arguments>();
  CLI::App* cmd = app.add_subcommand("detect-profile", "Find the interpretation profile a server's instance ids follow");
  cmd->description(
      "Check every fetched instance id against its master under each profile (rfc, dateutil, libical, google) and\n"
      "name the profile that explains them all, or else the one with the fewest disagreements, with the ids that\n"
      "tell the candidates apart. Point queries: the cost is the number of ids, not the length of the series.");
  cmd->add_option("--events", args->events_file, "The API response {\"events\": [...]} (file, or - for stdin)")
      ->required();
  cmd->add_option("--masters", args->masters_file, "Master events, when --events holds only instances");
  cmd->add_option("--tz", args->tz, "IANA zone the series' rules run in (masters with a timeZone run in their own); "
                                      "required unless every master names one zone")
      ->check(zone_name_given());
  cmd->add_option("--format", args->format, "json (default) or text")->check(CLI::IsMember({"json", "text"}));
  cmd->add_option("--assume-tz", args->assume_tz, "Zone for event times written without an offset (default UTC)")
      ->check(zone_name_given());
  cmd->add_option("--gap", args->reading.gaps, "DST-gap times: shift (default) or skip")
      ->check(CLI::IsMember({"shift", "skip"}));
  cmd->footer(
      "Example:\n"
      "  recur detect-profile --events cli/examples/events.json --tz America/New_York --format text\n"
      "Exit status: 0 a profile explains every id, 1 none does (the closest is named), 2 invalid arguments or input.");
  return command{cmd, [args] { return run_detect(*args); }};
}

}  // namespace recur::cli
