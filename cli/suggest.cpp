#include "suggest.hpp"

#include <algorithm>

#include "output.hpp"

namespace recur::cli {
namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "; did you mean X?" for the closest of `names` within a third of the word's length (at
// least 2 edits), else "".
std::string nearest(const std::string& word, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const std::string& name : names) {
    const std::size_t d = edit_distance(word, name);
    if (d < best_distance) best = name, best_distance = d;
  }
  return best.empty() ? "" : "; did you mean " + best + "?";
}

std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& n : option->get_lnames()) names.push_back("--" + n);
    for (const std::string& n : option->get_snames()) names.push_back("-" + n);
  }
  return names;
}

}  // namespace

std::string unknown_words(const CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
  const CLI::App* chosen = nullptr;
  std::string out;
  for (const std::string& arg : args) {
    if (arg.empty()) continue;
    if (arg[0] != '-') {
      if (chosen) continue;  // an option's value or a positional word
      if (std::find(commands.begin(), commands.end(), arg) != commands.end()) {
        chosen = app.get_subcommand(arg);
        continue;
      }
      return "unknown command " + in_quotes(arg) + nearest(arg, commands);
    }
    const std::string name = arg.substr(0, arg.find('='));
    const std::vector<std::string> known = option_names(chosen ? *chosen : app);
    const std::vector<std::string> top = option_names(app);
    if (std::find(known.begin(), known.end(), name) != known.end() ||
        std::find(top.begin(), top.end(), name) != top.end())
      continue;
    out += (out.empty() ? "" : "; ") + std::string("unknown option ") + in_quotes(name) + nearest(name, known);
  }
  return out;
}

}  // namespace recur::cli
