// recur and recur-full: the command-line entry point (cli/run.hpp does the work). The statically
// linked `recur` is built with RECUR_STATIC_FRONT (cli/full_runtime.hpp).
#include "run.hpp"

#ifdef RECUR_STATIC_FRONT
int main(int argc, char** argv) { return recur::cli::run(argc, argv, recur::cli::runtime::static_front); }
#else
int main(int argc, char** argv) { return recur::cli::run(argc, argv); }
#endif
