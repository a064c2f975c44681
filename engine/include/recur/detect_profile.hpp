/// @file
/// recur/detect_profile.hpp: which interpretation profile explains the instance ids a server
/// returned.
///
/// A backend runs this once against a real server to learn how it expands rules. For every
/// master with fetched instances, each instance id is checked under every profile by a point
/// query (recur/validate.hpp: it costs the ids, not the series). An id disagrees with a profile
/// when, under that profile's reading, the master's rule does not parse or the id's original
/// start is not an occurrence (not on the rule, before DTSTART, after UNTIL/COUNT, or removed by
/// EXDATE). Malformed ids, ids of unknown masters and duration differences say nothing about
/// the reading and are not counted.
///
/// The location's profile is the one with no disagreement, or else the fewest; ties go to the
/// earlier profile in `all_profiles` (rfc first). The ids that separate the candidates (valid
/// under some profiles, not others) are listed as the evidence.
///
/// Thread safety: pure function of its inputs.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "recur/export.hpp"
#include "recur/event.hpp"
#include "recur/profile.hpp"
#include "recur/zone.hpp"

namespace recur {

constexpr std::size_t profile_count = sizeof(all_profiles) / sizeof(all_profiles[0]);

/// Per profile, in the order of all_profiles.
using profile_counts = std::array<std::size_t, profile_count>;

/// An id that some profiles explain and others do not.
struct separating_id {
  std::string id;
  std::array<bool, profile_count> valid_under{};
};

struct master_fit {
  std::string master_id;
  std::size_t ids_checked = 0;
  profile_counts disagreements{};
  std::vector<separating_id> separating;  ///< at most detect_limits::max_examples
};

struct profile_detection {
  profile best = profile::rfc;
  bool explains_all = false;             ///< `best` has no disagreement
  std::vector<profile> candidates;       ///< every profile with no disagreement
  std::size_t ids_checked = 0;
  profile_counts disagreements{};        ///< summed over the masters
  std::vector<master_fit> masters;       ///< those with at least one checked id, in id order
  std::vector<std::string> notes;        ///< masters whose rule no profile reads, and the like
};

struct detect_limits {
  std::size_t max_examples = 10;  ///< separating ids kept per master
};

/// `fetched` holds the instances (rows with a series_id); `masters` the series rows; `tz` the
/// zone the rules run in; `gaps` how DST-gap times resolve under every profile.
RECUR_EXPORT profile_detection detect_profile(const std::vector<event>& fetched, const std::vector<event>& masters, const zone& tz,
                                              gap_policy gaps = gap_policy::shift_forward, detect_limits limits = {});

}  // namespace recur
