// The one translation unit that compiles Catch2's main (Catch2 v2 is single-header and slow
// to compile, so every other test file only includes it).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
