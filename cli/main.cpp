// recur: the command-line entry point (cli/run.hpp does the work).
#include "run.hpp"

int main(int argc, char** argv) { return recur::cli::run(argc, argv); }
