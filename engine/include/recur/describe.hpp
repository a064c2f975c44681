/// @file
/// recur/describe.hpp: a recurrence in English, without loss: every part of the rule appears in
/// the text, and EXDATE and RDATE values are counted.
///
///     FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10 (DTSTART 09:00)
///         every 2 weeks on Tuesday and Thursday at 09:00, 10 times
///     FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1
///         on the last weekday of every month
///     FREQ=YEARLY;BYWEEKNO=20 (no DTSTART given)
///         every year in week 20, on DTSTART's weekday
///     FREQ=MINUTELY;INTERVAL=15;BYHOUR=9,10,11,12,13,14,15,16,17;BYDAY=MO,TU,WE,TH,FR (DTSTART 09:00)
///         every 15 minutes from 09:00 to 17:45 on weekdays
///
/// What the rule leaves to DTSTART (the weekday of a WEEKLY rule without BYDAY, the day of a
/// MONTHLY one, the time of day) is named from `dtstart` when it is given, and otherwise called
/// "DTSTART's weekday", "DTSTART's time" and so on. `parts` lists each part present with its
/// value and its words, for tools (`recur describe --format json`).
/// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "recur/civil.hpp"
#include "recur/export.hpp"
#include "recur/recurrence.hpp"

namespace recur {

struct description_part {
  std::string name;   ///< "FREQ", "INTERVAL", "BYDAY", ..., "X-" (an extension), "EXDATE", "RDATE"
  std::string value;  ///< as written in the canonical rule ("MO,WE"), or the number of dates
  std::string words;  ///< the part's words in the text ("on Monday and Wednesday")
};

struct description {
  std::string text;
  std::vector<description_part> parts;  ///< each part present, in the order the text uses them; EXDATE, RDATE last
};

/// The recurrence in English; `dtstart` is DTSTART's wall-clock reading in the event's zone.
RECUR_EXPORT description describe(const recurrence& r, const std::optional<civil_seconds>& dtstart = std::nullopt);

}  // namespace recur
