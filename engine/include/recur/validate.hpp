/// @file
/// recur/validate.hpp: is an instance id an occurrence of a series?
///
/// `validate` answers valid, or invalid with a reason and a message that says why:
///   malformed_id      the id is not masterId_startMillis_durationSeconds
///   wrong_master      the id names another master
///   before_start      the start is before DTSTART
///   after_end         the start is after UNTIL, or after the COUNT-th occurrence
///   not_on_rule       the series has no occurrence starting then
///   excluded          the occurrence exists but an EXDATE removes it
///   duration_differs  the id's duration is not the series' duration
/// For rules without COUNT it is a point query: it looks at the periods around the start, not
/// at the series from DTSTART.
///
/// Thread safety: reads the series only; call from any number of threads.
#pragma once

#include <string>
#include <string_view>

#include "recur/export.hpp"
#include "recur/expand.hpp"
#include "recur/instance_id.hpp"
#include "recur/series.hpp"

namespace recur {

enum class invalid_reason { none, malformed_id, wrong_master, before_start, after_end, not_on_rule, excluded,
                            duration_differs };

RECUR_EXPORT const char* to_string(invalid_reason r) noexcept;

struct validation {
  invalid_reason reason = invalid_reason::none;
  std::string message;  ///< empty when valid
  bool valid() const noexcept { return reason == invalid_reason::none; }
};

RECUR_EXPORT validation validate(const series& s, std::string_view master_id, std::string_view id);
RECUR_EXPORT validation validate(const series& s, std::string_view master_id, const instance_id& id);

/// Whether the series has an occurrence starting exactly at `start` (EXDATEs removed unless
/// `mode` is exdates::ignore). A point query: its cost does not grow with the series' age.
RECUR_EXPORT bool contains(const series& s, instant start, exdates mode = exdates::apply);

}  // namespace recur
