// Two builds of one command line. `recur` is linked statically (static-pie, address space still
// randomised) so that it starts without the dynamic loader: about a quarter fewer page faults
// (README "Benchmarks"). A static program cannot safely dlopen libcurl or the iCalendar module
// (they would bring a second C library into the process), so the commands that need them are run
// by recur-full, the same CLI linked dynamically: `recur` replaces itself with it (execv) before
// reading any input or writing any output, so arguments, environment, stdin and exit status
// pass through unchanged. recur-full lies beside `recur` in the build tree and in the install's
// libexec/recur/.
//
// Thread safety: exec_full_runtime replaces the whole process; call it from one thread only.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace recur::cli {

// Paths the build computed relative to an installed executable's directory, resolved from this
// executable's directory and normalised, in the order given; none when /proc/self/exe cannot be
// read.
std::vector<std::string> beside_executable(std::initializer_list<const char*> relative);

enum class runtime {
  full,          // libcurl and the iCalendar module load here, at first use
  static_front,  // the statically linked `recur`: hands such commands to recur-full
};

// Becomes recur-full with `argv` (null-terminated). Returns only when that fails, with the exit
// code after writing why on stderr: exit_internal, naming the paths it looked in.
int exec_full_runtime(const char* const* argv);

}  // namespace recur::cli
