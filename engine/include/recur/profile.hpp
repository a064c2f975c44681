/// @file
/// recur/profile.hpp: interpretation profiles, the readings of RFC 5545 that popular engines use.
///
/// recur follows RFC 5545 by default. A server that expands rules with another engine writes
/// instance ids by that engine's reading, and the popular engines depart from the RFC in a few
/// known places. A profile is a named set of the reading switches in parse_options
/// (recur/rrule.hpp) and series_options (recur/series.hpp); each switch can also be set alone.
///
///   switch                               rfc            dateutil        libical          google
///   forbidden parts (parse_options)      reject         filter          reject           ignore
///   COUNT=0                              rejected       empty set       rejected         rejected
///   DTSTART off the rule                 first occ.     not an occ.     not an occ.      first occ.
///   YEARLY BYWEEKNO without a day        DTSTART's wd   whole week      DTSTART's wd     DTSTART's wd
///   YEARLY BYWEEKNO period               week year      calendar year   week year        week year
///   UNTIL as a DATE                      end of day     start of day    end of day       end of day
///   YEARLY BYMONTHDAY without BYMONTH    every month    every month     DTSTART's month  every month
///   negative BYMONTHDAY below MONTHLY    RFC            RFC             never matches    RFC
///   DST fall-back overlap                first          first           second           first
///
/// A rule that can never match yields DTSTART alone under dtstart_policy::always_first and
/// nothing under only_when_on_rule. The `dateutil` profile is python-dateutil's reading, which
/// rrule.js, rust-rrule and rrule-go share. What recur does not imitate: libical's WEEKLY
/// INTERVAL phase (it does not count intervals from the WKST week holding DTSTART), and
/// rrule.js's own `tzid` option, which misplaces occurrences near DST changes.
///
/// Thread safety: plain values and pure functions.
#pragma once

#include <string_view>

#include "recur/export.hpp"
#include "recur/result.hpp"
#include "recur/rrule.hpp"
#include "recur/series.hpp"

namespace recur {

enum class profile { rfc, dateutil, libical, google };

constexpr profile all_profiles[] = {profile::rfc, profile::dateutil, profile::libical, profile::google};

/// "rfc", "dateutil", "libical", "google".
RECUR_EXPORT const char* to_string(profile p) noexcept;

/// Reads a profile name (case-sensitive, as written above). Error bad_value names the input
/// and the choices.
RECUR_EXPORT result<profile> parse_profile(std::string_view name);

/// A profile's switches (an `interpretation`, recur/series.hpp): how the text is parsed and how
/// the series reads it. Limits and the gap policy keep their defaults; set them on the result.
RECUR_EXPORT interpretation interpretation_of(profile p);

}  // namespace recur
