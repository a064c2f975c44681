// Options shared by the subcommands that call the calendar API (fetch, reconcile --location),
// and the exception that carries an API failure to main's exit-code policy.
#pragma once

#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

#include "recur/api/client.hpp"

namespace recur::cli {

// Thrown for API failures; main prints "recur: error: <class> (HTTP n): <message>" and exits
// 3 (API) or 4 (network).
class api_failure : public std::runtime_error {
 public:
  explicit api_failure(api::api_error e) : std::runtime_error(e.describe()), error(std::move(e)) {}
  api::api_error error;
};

struct api_arguments {
  std::string base_url = "https://services.leadconnectorhq.com";
  std::string token_file;
  std::string location, calendar, group, user;
  double connect_timeout_s = 10, timeout_s = 30;
  double deadline_s = 120;  // the whole command's API calls, retries and waits included
  int retries = 4;
  std::size_t max_masters = 500;  // reconcile --location: masters fetched by id
  bool verbose = false;
};

// --location, --calendar/--group/--user, --base-url, --token-file, timeouts, --deadline,
// --retries, --verbose.
void add_api_options(CLI::App& command, api_arguments& args);

// A client configured from the arguments and the token ($GHL_TOKEN or --token-file); every
// call it makes ends within --deadline of its creation.
api::client make_client(const api_arguments& args);

api::events_query make_query(const api_arguments& args, instant from, instant to);

}  // namespace recur::cli
