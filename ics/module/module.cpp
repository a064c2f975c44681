// recur_ics_module: recur::ics's sources as a loadable module for the CLI (ics_module_api.hpp).
// The engine and JSON functions it calls are the CLI executable's own (it exports them).
#include "ics_module_api.hpp"

extern "C" __attribute__((visibility("default"))) const recur::ics::module_api* recur_ics_module_api() {
  static const recur::ics::module_api api{sizeof(recur::ics::module_api), &recur::ics::import_calendar,
                                          &recur::ics::export_calendar};
  return &api;
}
