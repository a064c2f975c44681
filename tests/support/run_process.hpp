// Runs a program with arguments (no shell), feeding stdin and capturing stdout, stderr and
// the exit status. For the command-line tests.
#pragma once

#include <string>
#include <vector>

namespace recur::test {

struct process_result {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out, err;
};

process_result run_process(const std::vector<std::string>& argv, const std::string& input = "");

}  // namespace recur::test
