// The whole command line as one call: parses `argv`, runs the chosen subcommand, prints
// errors as one line on stderr, and returns the exit code (README, "Exit codes"). main() is
// this; the command-line fuzz harness calls it in-process.
//
// Thread safety: not thread-safe (it writes to std::cout and std::cerr).
#pragma once

namespace recur::cli {

int run(int argc, const char* const* argv);

}  // namespace recur::cli
