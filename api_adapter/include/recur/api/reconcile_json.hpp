/// @file
/// recur/api/reconcile_json.hpp: reconcile (recur/reconcile.hpp) with JSON in and out, one
/// location per call: the form a line of `recur reconcile --batch` takes, and what the Python
/// package and other callers that hold JSON use.
///
/// A request is one JSON object:
///
///     {"location": "loc-1",                the caller's name for it: any JSON value, echoed (optional)
///      "tz": "America/New_York",           IANA zone the series' rules run in (required unless every
///                                          master names one in its own "timeZone")
///      "events": [...],                    the events the API returned for the window, as it writes them
///      "masters": [...],                   master events (optional; master rows among "events" count too)
///      "from": 1793509200000,              window start: epoch ms or ISO 8601 with an offset
///      "to": "2026-11-30T00:00:00-05:00",  window end; both default to the span of the fetched events
///      "profile": "dateutil"}              rfc, dateutil, libical or google (default: the options')
///
/// The answer is one line of JSON (no newline inside), always an object:
///
///     {"location": ..., "summary": {...}, "items": [...], "notes": [...], "warnings": [...], "clean": false}
///     {"location": ..., "error": {"code": "unknown_zone", "message": "..."}}
///
/// `summary`, `items` and `notes` are those of `recur reconcile --format json` (the README lists
/// the fields); `warnings` are the decoder's lenient readings ("events[2].isRecurring: ...");
/// `clean` is reconcile_report::clean(). An answer with `error` names the field at fault; it is
/// also the answer when the report would list more than `max_missing` missing occurrences.
/// Invalid UTF-8 in strings is written as U+FFFD.
///
/// Thread safety: pure functions; any number of threads may call them at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "recur/export.hpp"
#include "recur/profile.hpp"
#include "recur/reconcile.hpp"

namespace recur::api {

struct reconcile_request_options {
  profile default_profile = profile::rfc;  ///< for requests without "profile"
  bool lenient = false;  ///< drop parts the RFC forbids for the FREQ, with a note (parse_options::forbidden)
  gap_policy gaps = gap_policy::shift_forward;  ///< occurrences in a spring-forward gap
  std::size_t max_missing = reconcile_options{}.max_missing;  ///< per request (reconcile_options)
  std::size_t max_request_bytes = 64u << 20;  ///< a longer request is answered with error limit_exceeded
};

/// What a request came to: its report is clean, needs attention, or could not be made.
enum class answer_status { clean, attention, error };

struct reconcile_answer {
  std::string json;  ///< the answer's one line (see above), without a newline
  answer_status status = answer_status::error;
};

/// The answer to one request (see above): never throws on any input, and never allocates more
/// than a bounded multiple of the request's size plus `max_missing` items.
RECUR_EXPORT reconcile_answer reconcile_json(std::string_view request, const reconcile_request_options& options = {});

/// The parts of the answer, for writers that lay them out themselves (the command line):
/// one object each, on one line.
RECUR_EXPORT std::string encode_summary(const reconcile_summary& s);
RECUR_EXPORT std::string encode_item(const reconcile_item& item);

}  // namespace recur::api
