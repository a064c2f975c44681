/// @file
/// recur/result.hpp: the error value and result<T> every fallible engine call returns.
///
/// Parsing and validation never throw and never abort: they return a result that holds either
/// a value or an error with a stable code and a message naming the bad part of the input.
/// Reading the value of an error result throws recur::recur_error, the one exception type the
/// library documents, so callers that prefer exceptions at their boundary just read the value.
///
/// Thread safety: plain values; safe to share for reading.
#pragma once

#include "recur/export.hpp"

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace recur {

/// Stable error codes: the README lists them; messages may be refined, codes do not change.
enum class error_code {
  empty_input,        ///< nothing to parse
  syntax,             ///< text that is not NAME=VALUE / PROPERTY:VALUE where one is needed
  unknown_part,       ///< rule part or property recur does not know (X- parts are accepted)
  duplicate_part,     ///< the same rule part twice
  missing_part,       ///< FREQ absent, RRULE absent
  bad_value,          ///< a value of the wrong form (word for a number, malformed date)
  out_of_range,       ///< a number outside the range RFC 5545 allows
  conflict,           ///< parts that exclude each other (COUNT with UNTIL)
  not_allowed,        ///< a part the RFC forbids with this FREQ (strict mode)
  unsupported,        ///< valid iCalendar that recur deliberately does not handle
  unknown_zone,       ///< a zone name the IANA database does not have
  bad_time,           ///< a malformed or impossible date-time (startTime, --from)
  bad_instance_id,    ///< an instance id that is not master_startMillis_durationSeconds
  limit_exceeded,     ///< a documented size limit was exceeded
  unbounded,          ///< an endless series asked for without a window end
  api_failure,        ///< a calendar API call failed (recur::api::api_error has the details)
};

/// Short stable name of a code ("bad_value"), used in JSON output.
RECUR_EXPORT const char* to_string(error_code code) noexcept;

struct error {
  error_code code;
  std::string message;  ///< one line, names the offending part, e.g. "BYHOUR value 24 out of range 0..23"
};

/// The one exception type recur throws: from result<T>::value() (and `*`, `->`) on an error.
class RECUR_EXPORT recur_error : public std::runtime_error {
 public:
  explicit recur_error(error e) : std::runtime_error(e.message), error_(std::move(e)) {}
  const recur::error& err() const noexcept { return error_; }

 private:
  recur::error error_;
};

/// How result<T, E> reports misuse (reading the value of an error): found by argument-dependent
/// lookup, so an error type of another layer (recur::api::api_error) throws its own subclass of
/// recur_error.
[[noreturn]] inline void throw_error(const error& e) { throw recur_error(e); }

/// A value or an error. E is recur::error everywhere in the engine; the API adapter uses its
/// own error type (recur::api::api_error).
///
///     auto s = make_series(text, start, tz, duration);
///     if (!s) return report(s.err());   // check first, or
///     use(*s);                          // let misuse throw recur_error
///
/// value(), operator* and operator-> throw recur_error when the result holds an error; err()
/// on a value throws recur_error (code unsupported).
template <class T, class E = error>
class result {
 public:
  result(T value) : state_(std::move(value)) {}          // NOLINT: implicit by design
  result(E e) : state_(std::move(e)) {}                  // NOLINT: implicit by design

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  const T& value() const& { return *checked(); }
  T& value() & { return *checked(); }
  T&& value() && { return std::move(*checked()); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  /// The value, or `fallback` when this is an error.
  template <class U>
  T value_or(U&& fallback) const& {
    return ok() ? *std::get_if<0>(&state_) : static_cast<T>(std::forward<U>(fallback));
  }

  const E& err() const& {
    if (ok()) throw recur_error(error{error_code::unsupported, "err() called on a result that holds a value"});
    return *std::get_if<1>(&state_);
  }

 private:
  const T* checked() const {
    if (!ok()) throw_error(*std::get_if<1>(&state_));
    return std::get_if<0>(&state_);
  }
  T* checked() { return const_cast<T*>(static_cast<const result&>(*this).checked()); }

  std::variant<T, E> state_;
};

inline error make_error(error_code code, std::string message) { return error{code, std::move(message)}; }

/// The result of a fallible step that yields nothing but success: `return success();`.
using status = result<std::monostate>;
inline status success() { return std::monostate{}; }

}  // namespace recur
