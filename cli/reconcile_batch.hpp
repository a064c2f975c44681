// recur reconcile --batch: many locations, one JSON request per line (recur/api/reconcile_json.hpp),
// answered one line each, in input order, by a fixed pool of threads.
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>

#include "recur/api/reconcile_json.hpp"

namespace recur::cli {

struct batch_options {
  std::size_t jobs = 1;                        // worker threads
  std::size_t max_line_bytes = 64u << 20;      // a longer line is answered with an error, not read
  api::reconcile_request_options request;      // profile and max_missing for every line
};

// Reads requests from `in` until its end and writes one answer per line to `out`, each with
// "line" (1-based) first. Memory holds at most 4 x jobs lines and their answers, however long
// the input. Returns the exit code: 0 every location clean, 1 some report needs attention,
// 2 some line could not be reconciled (its answer has "error").
int run_reconcile_batch(std::istream& in, std::ostream& out, const batch_options& options);

}  // namespace recur::cli
