// One function per subcommand: it registers its options on `app` and returns the subcommand
// with the action main runs when it is chosen. Actions return an exit code or throw usage_error.
// A command that may load libcurl or the iCalendar module says so, once its options are parsed,
// through needs_full_runtime: the statically linked `recur` hands those runs to recur-full
// (cli/full_runtime.hpp).
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace recur::cli {

using action = std::function<int()>;

struct command {
  CLI::App* app;
  action run;
  std::function<bool()> needs_full_runtime = [] { return false; };  // asked after parsing
};

command add_expand_command(CLI::App& app);
command add_validate_command(CLI::App& app);
command add_reconcile_command(CLI::App& app);
command add_fetch_command(CLI::App& app);
command add_conflicts_command(CLI::App& app);
command add_free_command(CLI::App& app);
command add_detect_command(CLI::App& app);
command add_describe_command(CLI::App& app);
command add_ics_command(CLI::App& app);

}  // namespace recur::cli
