#include "arguments.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

#include "output.hpp"
#include "recur/iso8601.hpp"

namespace recur::cli {

CLI::Validator zone_name_given() {
  return CLI::Validator(
      [](const std::string& value) { return value.empty() ? std::string("an IANA zone name, not empty") : std::string(); },
      "ZONE");
}

void add_series_options(CLI::App& command, series_arguments& args) {
  command.add_option("--rrule", args.rrule,
                     "Recurrence text as the API sends it: RRULE:... with optional EXDATE:/RDATE: parts, "
                     "separated by spaces or newlines (required)");
  command.add_option("--start", args.start,
                     "DTSTART, the event's startTime: ISO 8601 with offset or Z (e.g. 2024-10-24T22:00:00-04:00); "
                     "without an offset it is wall-clock time in --tz (required)");
  command.add_option("--tz", args.tz,
                     "IANA zone whose wall clock the rule follows (DST-aware). Default: the fixed offset of --start")
      ->check(zone_name_given());
  auto* duration = command.add_option("--duration", args.duration_s, "Event length in whole seconds (default 0)")
                       ->check(CLI::NonNegativeNumber);
  command.add_option("--end", args.end, "Event end (ISO 8601), instead of --duration")->excludes(duration);
  add_interpretation_options(command, args.reading);
}

void add_interpretation_options(CLI::App& command, interpretation_arguments& args, bool allow_auto) {
  std::vector<std::string> names;
  for (profile p : all_profiles) names.push_back(to_string(p));
  if (allow_auto) names.push_back("auto");
  command
      .add_option("--profile", args.profile,
                  std::string("Read rules as an engine does: rfc (RFC 5545, default), dateutil (python-dateutil, "
                              "rrule.js, rust-rrule, rrule-go), libical, google (Google Calendar)") +
                      (allow_auto ? "; auto: the profile that explains the fetched instance ids" : ""))
      ->check(CLI::IsMember(names));
  command.add_flag("--lenient", args.lenient,
                   "Ignore rule parts RFC 5545 forbids in their position (as Google Calendar does), with a warning");
  command.add_option("--gap", args.gaps,
                     "Local times that fall in a DST gap: shift (RFC 5545 3.3.5, offset before the gap; default) "
                     "or skip (drop the instance)")
      ->check(CLI::IsMember({"shift", "skip"}));
}

interpretation interpretation_from(const interpretation_arguments& args) {
  auto p = parse_profile(args.profile);
  if (!p) throw usage_error("--profile: " + p.err().message);
  return interpretation_from(args, p.value());
}

interpretation interpretation_from(const interpretation_arguments& args, profile chosen) {
  interpretation how = interpretation_of(chosen);
  if (args.lenient) how.parse.forbidden = forbidden_parts::ignore;
  how.series.gaps = args.gaps == "skip" ? gap_policy::skip : gap_policy::shift_forward;
  return how;
}

namespace {

zone load_zone_or_throw(const std::string& name) {
  auto z = zone::load(name);
  if (!z) throw usage_error("--tz: " + z.err().message);
  return z.value();
}

}  // namespace

series build_series(const series_arguments& args) {
  if (args.rrule.empty()) throw usage_error("--rrule is required: the recurrence text (RRULE:...)");
  if (args.start.empty()) throw usage_error("--start is required: DTSTART, the event's startTime");
  auto start = parse_iso8601(args.start);
  if (!start) throw usage_error("--start: " + start.err().message);
  std::optional<zone> tz;
  if (!args.tz.empty()) tz = load_zone_or_throw(args.tz);

  if (!start->offset && !tz)
    throw usage_error("--start " + args.start + " has no UTC offset: add one (e.g. Z or -04:00) or give --tz");
  const zone series_zone = tz ? *tz : zone::fixed(*start->offset);
  const std::int64_t start_ms = unix_ms(start->in_zone(series_zone));

  constexpr std::int64_t longest_s = 315537897599;  // 0001-01-01 .. 9999-12-31T23:59:59
  if (args.duration_s.value_or(0) > longest_s)
    throw usage_error("--duration " + std::to_string(*args.duration_s) + " s is longer than the calendar (years 1..9999)");
  std::int64_t duration_ms = args.duration_s.value_or(0) * 1000;
  if (!args.end.empty()) {
    auto end = parse_iso8601(args.end);
    if (!end) throw usage_error("--end: " + end.err().message);
    const std::int64_t end_ms = unix_ms(end->in_zone(series_zone));
    if (end_ms < start_ms) throw usage_error("--end " + args.end + " is before --start " + args.start);
    if ((end_ms - start_ms) % 1000 != 0)
      throw usage_error("--end - --start is not a whole number of seconds (instance ids carry whole seconds)");
    duration_ms = end_ms - start_ms;
  }

  const interpretation how = interpretation_from(args.reading);
  auto parsed = parse_recurrence(args.rrule, how.parse);
  if (!parsed) throw usage_error("--rrule: " + parsed.err().message);
  for (const std::string& w : parsed.value().warnings) warn(w);

  auto s = make_series(std::move(parsed.value().value), from_unix_ms(start_ms), series_zone, milliseconds{duration_ms},
                       how.series);
  if (!s) throw usage_error(s.err().message);
  return std::move(s.value());
}

namespace {
// 10^9..10^11 reads as epoch seconds of 2001..5138 but as milliseconds of 12 days..3 years
// after 1970: almost surely seconds given where milliseconds are expected.
void warn_if_seconds(const std::string& option, std::int64_t ms) {
  const std::int64_t magnitude = ms < 0 ? -ms : ms;
  if (magnitude < 1'000'000'000 || magnitude >= 100'000'000'000) return;
  const auto utc = [](std::int64_t n) { return format_iso8601(from_unix_ms(n), seconds(0)); };
  warn(option + " " + std::to_string(ms) + " is read as epoch milliseconds (" + utc(ms) + "); if it is epoch seconds (" +
       utc(ms * 1000) + "), write " + std::to_string(ms) + "000");
}
}  // namespace

instant parse_time_argument(const std::string& option, const std::string& value) {
  std::size_t i = value.empty() || value[0] != '-' ? 0 : 1;
  bool all_digits = i < value.size();
  for (; i < value.size(); ++i) all_digits = all_digits && value[i] >= '0' && value[i] <= '9';
  if (all_digits) {
    std::int64_t ms = 0;
    try {
      ms = std::stoll(value);
    } catch (const std::exception&) {
      throw usage_error(option + " " + in_quotes(value) + " is out of range for epoch milliseconds");
    }
    warn_if_seconds(option, ms);
    return from_unix_ms(ms);
  }
  auto t = parse_iso8601(value);
  if (!t) throw usage_error(option + ": expected epoch milliseconds or " + t.err().message);
  const std::optional<instant> written = t->as_written();
  if (!written) throw usage_error(option + " " + in_quotes(value) + " needs a UTC offset (Z or +HH:MM)");
  return *written;
}

}  // namespace recur::cli
