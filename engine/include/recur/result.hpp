// recur/result.hpp: the error value and result<T> every fallible engine call returns.
//
// Parsing and validation never throw and never abort: they return a result that holds either
// a value or an error with a stable code and a message naming the bad part of the input.
// `value_or_throw()` converts an error into recur::recur_error, the one exception type the
// library documents, for callers that prefer exceptions at their boundary.
//
// Thread safety: plain values; safe to share for reading.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace recur {

// Stable error codes: the README lists them; messages may be refined, codes do not change.
enum class error_code {
  empty_input,        // nothing to parse
  syntax,             // text that is not NAME=VALUE / PROPERTY:VALUE where one is needed
  unknown_part,       // rule part or property recur does not know (X- parts are accepted)
  duplicate_part,     // the same rule part twice
  missing_part,       // FREQ absent, RRULE absent
  bad_value,          // a value of the wrong form (word for a number, malformed date)
  out_of_range,       // a number outside the range RFC 5545 allows
  conflict,           // parts that exclude each other (COUNT with UNTIL)
  not_allowed,        // a part the RFC forbids with this FREQ (strict mode)
  unsupported,        // valid iCalendar that recur deliberately does not handle
  unknown_zone,       // a zone name the IANA database does not have
  bad_time,           // a malformed or impossible date-time (startTime, --from)
  bad_instance_id,    // an instance id that is not master_startMillis_durationSeconds
  limit_exceeded,     // a documented size limit was exceeded
};

// Short stable name of a code ("bad_value"), used in JSON output.
const char* to_string(error_code code) noexcept;

struct error {
  error_code code;
  std::string message;  // one line, names the offending part, e.g. "BYHOUR value 24 out of range 0..23"
};

// The one exception type recur throws, only from value_or_throw().
class recur_error : public std::runtime_error {
 public:
  explicit recur_error(error e) : std::runtime_error(e.message), error_(std::move(e)) {}
  const recur::error& err() const noexcept { return error_; }

 private:
  recur::error error_;
};

// A value or an error. E is recur::error everywhere in the engine; the API adapter uses its
// own error type (recur::api::api_error).
template <class T, class E = error>
class result {
 public:
  result(T value) : state_(std::move(value)) {}          // NOLINT: implicit by design
  result(E e) : state_(std::move(e)) {}                  // NOLINT: implicit by design

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const E& err() const& { return std::get<1>(state_); }

  T value_or_throw() && {
    if (!ok()) throw recur_error(std::get<1>(state_));
    return std::get<0>(std::move(state_));
  }

 private:
  std::variant<T, E> state_;
};

inline error make_error(error_code code, std::string message) { return error{code, std::move(message)}; }

}  // namespace recur
