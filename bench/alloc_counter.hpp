// Counts heap allocations made by the benchmark process (global operator new is replaced in
// alloc_counter.cpp), so a benchmark can report allocations per occurrence.
#pragma once

#include <cstdint>

namespace recur::bench {

std::uint64_t allocations() noexcept;

}  // namespace recur::bench
