// Names a misspelled subcommand or option and the nearest one that exists, for the message
// of a command line CLI11 refused ("unknown option --rule; did you mean --rrule?").
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace recur::cli {

// The words of `args` that name no subcommand or option of `app` (or of the subcommand
// chosen), each with the nearest real name when one is close; empty when all are known.
std::string unknown_words(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace recur::cli
