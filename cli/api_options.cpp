#include "api_options.hpp"

#include <iostream>

#include "arguments.hpp"
#include "output.hpp"

namespace recur::cli {

void add_api_options(CLI::App& command, api_arguments& args) {
  command.add_option("--location", args.location, "locationId (required by the API)");
  auto* calendar = command.add_option("--calendar", args.calendar, "calendarId");
  auto* group = command.add_option("--group", args.group, "groupId");
  auto* user = command.add_option("--user", args.user, "userId (the owner of the appointments)");
  calendar->excludes(group)->excludes(user);
  group->excludes(user);
  command.add_option("--base-url", args.base_url, "API base URL (default https://services.leadconnectorhq.com)");
  command.add_option("--token-file", args.token_file,
                     "File whose first line is the access token, used when $GHL_TOKEN is not set (a token is never "
                     "taken from the command line, which ps would show)");
  command.add_option("--connect-timeout", args.connect_timeout_s, "Connect timeout in seconds (default 10)")
      ->check(CLI::PositiveNumber);
  command.add_option("--timeout", args.timeout_s, "Total timeout per request in seconds (default 30)")
      ->check(CLI::PositiveNumber);
  command.add_option("--deadline", args.deadline_s,
                     "Seconds all of the command's API requests may take, retries and waits included (default 120)")
      ->check(CLI::Range(0.001, 86400.0));
  command.add_option("--retries", args.retries, "Retries on network errors, 429 and 502/503/504 (default 4)")
      ->check(CLI::Range(0, 20));
  command.add_flag("--verbose", args.verbose, "Log each request (method, path, status, duration) and retry to stderr");
}

api::client make_client(const api_arguments& args) {
  api::client_config config;
  config.base_url = args.base_url;
  while (!config.base_url.empty() && config.base_url.back() == '/') config.base_url.pop_back();
  auto token = api::load_token(args.token_file);
  if (!token) throw api_failure(token.err());
  config.token = token.value();
  config.connect_timeout = std::chrono::milliseconds(static_cast<long long>(args.connect_timeout_s * 1000));
  config.total_timeout = std::chrono::milliseconds(static_cast<long long>(args.timeout_s * 1000));
  config.max_retries = args.retries;
  config.deadline = std::chrono::milliseconds(static_cast<long long>(args.deadline_s * 1000));
  if (args.verbose) config.log = [](const std::string& line) { std::cerr << "recur: " << printable(line, 4096) << '\n'; };
  api::client client(std::move(config));
  client.set_deadline(std::chrono::steady_clock::now() +
                      std::chrono::milliseconds(static_cast<long long>(args.deadline_s * 1000)));
  return client;
}

api::events_query make_query(const api_arguments& args, instant from, instant to) {
  if (args.location.empty()) throw usage_error("--location is required");
  if (args.calendar.empty() && args.group.empty() && args.user.empty())
    throw usage_error("one of --calendar, --group or --user is required");
  api::events_query q;
  q.location_id = args.location;
  q.calendar_id = args.calendar;
  q.group_id = args.group;
  q.user_id = args.user;
  q.start = from;
  q.end = to;
  return q;
}

}  // namespace recur::cli
