// Private, between the recur CLI and recur_ics_module: the iCalendar functions the CLI loads
// at its first iCalendar command (dlopen), so that every other command starts without libical
// and the ICU libraries it brings (about 6 ms of start-up on this project's machine). Both sides
// are built together by the same compiler, so C++ types cross as they are.
#pragma once

#include <cstddef>

#include "recur/ics.hpp"

namespace recur::ics {

struct module_api {
  std::size_t size = sizeof(module_api);  // a module from another build is refused
  result<imported> (*import_calendar)(std::string_view, const import_options&) = nullptr;
  result<std::string> (*export_calendar)(const std::vector<api::calendar_event>&, const export_options&) = nullptr;
};

}  // namespace recur::ics

// The module's one exported symbol.
extern "C" const recur::ics::module_api* recur_ics_module_api();
