#include "run.hpp"

#include <fstream>
#include <iostream>
#include <vector>
#include <string>
#include <string_view>

#include "api_options.hpp"
#include "arguments.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "suggest.hpp"

namespace recur::cli {
namespace {

// tzdata's version is the first line of tzdata.zi ("# version 2025b"); date/tz on Debian
// reports "unknown", so recur reads it itself.
std::string tzdata_version() {
  std::ifstream in("/usr/share/zoneinfo/tzdata.zi");
  std::string line;
  if (in && std::getline(in, line) && line.rfind("# version ", 0) == 0) return line.substr(10);
  return "unknown";
}

struct command_entry {
  const char* name;
  command (*add)(CLI::App&);
};

constexpr command_entry command_table[] = {
    {"expand", add_expand_command},       {"validate", add_validate_command}, {"reconcile", add_reconcile_command},
    {"fetch", add_fetch_command},         {"conflicts", add_conflicts_command}, {"free", add_free_command},
    {"detect-profile", add_detect_command}, {"describe", add_describe_command}, {"ics", add_ics_command}};

// The subcommands to register: only the one argv[1] names, when it names one, since building
// every command's options is most of the CLI's start-up (heap pages); none for a lone
// --version; all of them otherwise, for --help and suggestions after a mistyped command.
std::vector<command> add_commands(CLI::App& app, int argc, const char* const* argv) {
  std::vector<command> commands;
  if (argc == 2 && std::string_view(argv[1]) == "--version") return commands;
  for (const command_entry& c : command_table)
    if (argc > 1 && std::string_view(argv[1]) == c.name) commands.push_back(c.add(app));
  if (commands.empty())
    for (const command_entry& c : command_table) commands.push_back(c.add(app));
  return commands;
}

}  // namespace

int run(int argc, const char* const* argv, runtime where) {
  CLI::App app{"recur: RFC 5545 recurrence expansion for calendar events (HighLevel / LeadConnector API)"};
  // Read only when asked: every other command starts without opening tzdata.zi.
  app.set_version_flag("--version",
                       [] { return std::string("recur ") + RECUR_VERSION + " (tzdata " + tzdata_version() + ")"; });
  app.require_subcommand(1);
  app.footer("Run 'recur <command> --help' for a command's options. Exit status: 0 ok, 1 discrepancies found,\n"
             "2 invalid arguments or input, 3 API error, 4 network error or timeout, 70 internal error.");
  const std::vector<command> commands = add_commands(app, argc, argv);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    const std::string unknown = unknown_words(app, std::vector<std::string>(argv + 1, argv + argc));
    std::cerr << "recur: error: " << printable(unknown.empty() ? e.what() : unknown, 1000) << " (see 'recur --help')\n";
    return exit_usage;
  }
  try {
    for (const command& c : commands) {
      if (!c.app->parsed()) continue;
      if (where == runtime::static_front && c.needs_full_runtime()) return exec_full_runtime(argv);
      return c.run();
    }
  } catch (const api_failure& e) {
    std::cerr << "recur: error: " << printable(e.what(), 1000) << '\n';
    return e.error.kind == recur::api::error_kind::invalid_request ? exit_usage
           : e.error.network()                                      ? exit_network
                                                                    : exit_api;
  } catch (const usage_error& e) {
    std::cerr << "recur: error: " << printable(e.what(), 1000) << '\n';
    return exit_usage;
  } catch (const std::exception& e) {
    std::cerr << "recur: internal error: " << printable(e.what(), 1000) << '\n';
    return exit_internal;
  }
  return exit_usage;
}

}  // namespace recur::cli
