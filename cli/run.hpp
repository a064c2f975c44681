// The whole command line as one call: parses `argv`, runs the chosen subcommand, prints
// errors as one line on stderr, and returns the exit code (README, "Exit codes"). main() is
// this; the command-line fuzz harness calls it in-process.
//
// Thread safety: not thread-safe (it writes to std::cout and std::cerr).
#pragma once

#include "full_runtime.hpp"

namespace recur::cli {

// In runtime::static_front (the statically linked `recur`), a command that needs libcurl or the
// iCalendar module is not run here: the process becomes recur-full with the same `argv`, which
// must then end with a null pointer, as main's does.
int run(int argc, const char* const* argv, runtime where = runtime::full);

}  // namespace recur::cli
