// Counts heap allocations and live heap bytes of the benchmark process (global operator new
// is replaced in alloc_counter.cpp), so a benchmark can report allocations per occurrence and
// the peak memory of a computation.
#pragma once

#include <cstdint>

namespace recur::bench {

std::uint64_t allocations() noexcept;
std::uint64_t live_bytes() noexcept;
// The highest live_bytes() since the last reset.
std::uint64_t peak_bytes() noexcept;
void reset_peak() noexcept;

}  // namespace recur::bench
