// Shared command-line plumbing: exit codes, the one error type commands throw, and the
// options every series-based subcommand takes (--rrule, --start, --tz, --duration/--end).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "recur/profile.hpp"
#include "recur/series.hpp"

// Declared only: a file that includes CLI11 runs its validators' static initialisers (heap and
// code pages at every start), so only the files that register options include it.
namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace recur::cli {

// Exit codes scripts can rely on (README, "Exit codes").
enum exit_code : int {
  exit_ok = 0,
  exit_discrepancy = 1,  // validate: some id invalid
  exit_usage = 2,        // bad arguments or invalid input
  exit_api = 3,          // the API refused or answered with an error (auth, 4xx, 5xx, undecodable body)
  exit_network = 4,      // no answer: transport errors, timeouts
  exit_internal = 70,    // a bug in recur (EX_SOFTWARE)
};

// Thrown by commands for bad input; main prints "recur: error: <message>" and exits 2.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How rules are read: --profile, --lenient, --gap (every command that expands takes them).
struct interpretation_arguments {
  std::string profile = "rfc";
  bool lenient = false;
  std::string gaps = "shift";
};

// `allow_auto`: the command can detect the profile from the fetched ids (--profile auto).
void add_interpretation_options(CLI::App& command, interpretation_arguments& args, bool allow_auto = false);

// The switches the arguments name; a profile of "auto" must be resolved before this.
interpretation interpretation_from(const interpretation_arguments& args);
// The same with the profile chosen by the caller (--profile auto): --lenient and --gap apply.
interpretation interpretation_from(const interpretation_arguments& args, profile chosen);

struct series_arguments {
  std::string rrule;
  std::string start;
  std::string tz;
  std::optional<std::int64_t> duration_s;
  std::string end;
  interpretation_arguments reading;
};

void add_series_options(CLI::App& command, series_arguments& args);

// Builds the series, printing lenient-mode warnings to stderr. Throws usage_error.
series build_series(const series_arguments& args);

// For --tz and --assume-tz: a value, when given, is never empty (an empty name does not mean
// "no zone" anywhere); zone::load judges the name itself.
CLI::Validator zone_name_given();

// A window bound: integer epoch milliseconds, or an ISO 8601 date-time with offset.
instant parse_time_argument(const std::string& option, const std::string& value);

}  // namespace recur::cli
