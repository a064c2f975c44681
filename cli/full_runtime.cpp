#include "full_runtime.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "arguments.hpp"

namespace recur::cli {

std::vector<std::string> beside_executable(std::initializer_list<const char*> relative) {
  std::vector<std::string> out;
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return out;
  for (const char* r : relative) out.push_back((exe.parent_path() / r).lexically_normal().string());
  return out;
}

int exec_full_runtime(const char* const* argv) {
  std::string tried;
  // Installed: prefix/bin/recur -> prefix/LIBEXECDIR/recur/recur-full; built: beside recur.
  for (const std::string& path : beside_executable({RECUR_FULL_INSTALLED, "recur-full"})) {
    std::error_code ec;
    // Never itself: a static recur copied to where recur-full belongs would exec itself forever.
    if (::access(path.c_str(), X_OK) != 0 || std::filesystem::equivalent(path, "/proc/self/exe", ec)) {
      tried += (tried.empty() ? "" : ", ") + path;
      continue;
    }
    std::cout.flush();
    ::execv(path.c_str(), const_cast<char* const*>(argv));  // execv does not modify argv
    std::cerr << "recur: internal error: could not run " << path << ": " << std::strerror(errno) << '\n';
    return exit_internal;
  }
  std::cerr << "recur: internal error: this command needs recur-full (libcurl and iCalendar support), which is "
               "not installed (looked in "
            << (tried.empty() ? std::string("nothing: /proc/self/exe is unreadable") : tried) << ")\n";
  return exit_internal;
}

}  // namespace recur::cli
