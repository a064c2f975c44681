// recur validate: is each instance id an occurrence of the series?
#include <iostream>
#include <memory>

#include "arguments.hpp"
#include "commands.hpp"
#include "recur/validate.hpp"

namespace recur::cli {
namespace {

struct validate_arguments {
  series_arguments series_args;
  std::string master;
  std::vector<std::string> ids;
};

int run_validate(const validate_arguments& a) {
  const series s = build_series(a.series_args);
  std::vector<std::string> ids = a.ids;
  if (ids.empty()) {
    for (std::string line; std::getline(std::cin, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") != std::string::npos) ids.push_back(line);
    }
    if (ids.empty()) throw usage_error("no instance ids: give them as arguments or one a line on stdin");
  }
  bool all_valid = true;
  std::string out;
  for (const std::string& id : ids) {
    const validation v = validate(s, a.master, id);
    out += id;
    if (v.valid()) {
      out += "\tvalid\n";
    } else {
      all_valid = false;
      out += std::string("\tinvalid\t") + to_string(v.reason) + ": " + v.message + "\n";
    }
  }
  std::cout << out;
  return all_valid ? exit_ok : exit_discrepancy;
}

}  // namespace

command add_validate_command(CLI::App& app) {
  auto args = std::make_shared<validate_arguments>();
  CLI::App* cmd = app.add_subcommand("validate", "Check instance ids against a recurring event");
  cmd->description(
      "Check that each instance id (masterId_startMillis_durationSeconds) is an occurrence of the series.\n"
      "Prints '<id>\\tvalid' or '<id>\\tinvalid\\t<reason>: <why>' a line; reasons: malformed_id, wrong_master,\n"
      "before_start, after_end, not_on_rule, excluded, duration_differs.");
  add_series_options(*cmd, args->series_args);
  cmd->add_option("--master", args->master, "The series' master event id")->required();
  cmd->add_option("ids", args->ids, "Instance ids (default: one a line on stdin)");
  cmd->footer(
      "Example:\n"
      "  recur validate --rrule 'RRULE:FREQ=DAILY;COUNT=5' --start 2026-03-01T09:00:00Z --duration 1800 \\\n"
      "                 --master evt1 evt1_1772442000000_1800 evt1_1772442060000_1800\n"
      "Exit status: 0 all valid, 1 some invalid, 2 invalid arguments or input.");
  return command{cmd, [args] { return run_validate(*args); }};
}

}  // namespace recur::cli
