// The profile detection report, shared by `recur detect-profile` and `reconcile --profile auto`.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "recur/detect_profile.hpp"

namespace recur::cli {

nlohmann::json to_json(const profile_detection& d);

// One line: "dateutil explains all 37 instance ids (rfc 3, dateutil 0, libical 1, google 3 disagreements)".
std::string summary_line(const profile_detection& d);

}  // namespace recur::cli
