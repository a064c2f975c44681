// recur::ics for the CLI, through recur_ics_module loaded at first use (see
// ics/module/ics_module_api.hpp for why). Only built with libical (RECUR_HAVE_ICS).
#pragma once

#include "ics_module_api.hpp"

namespace recur::cli {

// The module's functions, loaded once (thread-safely) on the first call: from the install's
// lib/recur/ next to bin/, else from the build tree. Throws usage_error naming what failed.
const ics::module_api& ics_module();

}  // namespace recur::cli
