#include "alloc_counter.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<std::uint64_t> count{0};
std::atomic<std::uint64_t> live{0};
std::atomic<std::uint64_t> peak{0};
constexpr std::size_t header = 16;  // keeps the size of each block, and 16-byte alignment

void* allocate(std::size_t size) {
  auto* p = static_cast<unsigned char*>(std::malloc(size + header));
  if (!p) throw std::bad_alloc();
  *reinterpret_cast<std::size_t*>(p) = size;
  count.fetch_add(1, std::memory_order_relaxed);
  const std::uint64_t now = live.fetch_add(size, std::memory_order_relaxed) + size;
  std::uint64_t high = peak.load(std::memory_order_relaxed);
  while (now > high && !peak.compare_exchange_weak(high, now, std::memory_order_relaxed)) {
  }
  return p + header;
}

void release(void* block) noexcept {
  if (!block) return;
  auto* p = static_cast<unsigned char*>(block) - header;
  live.fetch_sub(*reinterpret_cast<std::size_t*>(p), std::memory_order_relaxed);
  std::free(p);
}
}  // namespace

namespace recur::bench {
std::uint64_t allocations() noexcept { return count.load(std::memory_order_relaxed); }
std::uint64_t live_bytes() noexcept { return live.load(std::memory_order_relaxed); }
std::uint64_t peak_bytes() noexcept { return peak.load(std::memory_order_relaxed); }
void reset_peak() noexcept { peak.store(live.load(std::memory_order_relaxed), std::memory_order_relaxed); }
}  // namespace recur::bench

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
