#include "ics_module.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "arguments.hpp"
#include "full_runtime.hpp"

namespace recur::cli {
namespace {

// Where the module may be: where the install puts it, found from the installed executable's
// directory (prefix/bin/ or prefix/libexec/recur/ -> prefix/LIBDIR/recur/), then where this
// build put it.
std::vector<std::string> module_candidates() {
  std::vector<std::string> out = beside_executable({RECUR_ICS_MODULE_INSTALLED});
  out.push_back(RECUR_ICS_MODULE_BUILT);
  return out;
}

struct loaded_module {
  const ics::module_api* api = nullptr;
  std::string problem;
};

loaded_module load_module() {
  loaded_module out;
  std::string tried;
  for (const std::string& path : module_candidates()) {
    if (::access(path.c_str(), R_OK) != 0) {
      tried += (tried.empty() ? "" : ", ") + path;
      continue;
    }
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);  // kept for the process's life
    const char* why = handle ? nullptr : dlerror();
    auto entry = handle ? reinterpret_cast<const ics::module_api* (*)()>(dlsym(handle, "recur_ics_module_api")) : nullptr;
    if (!entry || entry()->size != sizeof(ics::module_api)) {
      out.problem = "the iCalendar module " + path + " could not be loaded" + (why ? std::string(": ") + why : "");
      return out;
    }
    out.api = entry();
    return out;
  }
  out.problem = "the iCalendar module (recur_ics_module.so) is not installed (looked in " + tried + ")";
  return out;
}

}  // namespace

const ics::module_api& ics_module() {
  static const loaded_module module = load_module();
  if (!module.api) throw usage_error(module.problem);
  return *module.api;
}

}  // namespace recur::cli
