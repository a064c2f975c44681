#include "time/tzif.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>

namespace recur::detail {
namespace {

// A bounds-checked reader of big-endian fields.
struct reader {
  std::string_view bytes;
  std::size_t pos = 0;
  bool ok = true;

  std::int64_t be(std::size_t width) {
    if (!ok || bytes.size() - pos < width || pos > bytes.size()) {
      ok = false;
      return 0;
    }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < width; ++i) v = v << 8 | static_cast<unsigned char>(bytes[pos + i]);
    pos += width;
    if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
  }
  void skip(std::uint64_t n) {
    if (!ok || n > bytes.size() - pos) ok = false;
    else pos += static_cast<std::size_t>(n);
  }
};

struct header {
  char version = 0;
  std::uint64_t isut = 0, isstd = 0, leap = 0, times = 0, types = 0, chars = 0;
};

bool read_header(reader& r, header& h) {
  if (r.bytes.size() - r.pos < 44 || r.bytes.substr(r.pos, 4) != "TZif") return false;
  h.version = r.bytes[r.pos + 4];
  r.skip(20);
  h.isut = static_cast<std::uint64_t>(r.be(4));
  h.isstd = static_cast<std::uint64_t>(r.be(4));
  h.leap = static_cast<std::uint64_t>(r.be(4));
  h.times = static_cast<std::uint64_t>(r.be(4));
  h.types = static_cast<std::uint64_t>(r.be(4));
  h.chars = static_cast<std::uint64_t>(r.be(4));
  return r.ok && h.types >= 1 && h.types <= 256 && h.times <= 100000;
}

// The v1 data block's size, skipped: the v2 block after it has 64-bit times.
std::uint64_t v1_block_size(const header& h) {
  return h.times * 5 + h.types * 6 + h.chars + h.leap * 8 + h.isstd + h.isut;
}

void add_range(std::vector<utc_range>& ranges, std::int64_t begin, int offset) {
  if (!ranges.empty() && ranges.back().offset == offset) return;  // the same offset continues
  if (!ranges.empty()) ranges.back().end = begin;
  ranges.push_back(utc_range{begin, far_future, offset});
}

}  // namespace

std::optional<tzif_zone> parse_tzif(std::string_view bytes) {
  reader r{bytes};
  header h;
  if (!read_header(r, h) || h.version < '2') return std::nullopt;
  r.skip(v1_block_size(h));
  if (!r.ok || !read_header(r, h)) return std::nullopt;
  std::vector<std::int64_t> at(static_cast<std::size_t>(h.times));
  for (std::int64_t& t : at) t = r.be(8);
  std::vector<std::size_t> type_of(static_cast<std::size_t>(h.times));
  for (std::size_t& t : type_of) t = static_cast<std::size_t>(r.be(1));
  std::vector<int> offset(static_cast<std::size_t>(h.types));
  for (int& o : offset) {
    o = static_cast<int>(r.be(4));
    r.skip(2);  // isdst, abbreviation index
    if (o < -widest_offset || o > widest_offset) return std::nullopt;
  }
  r.skip(h.chars + h.leap * 12 + h.isstd + h.isut);
  if (!r.ok) return std::nullopt;
  tzif_zone zone;
  zone.ranges.reserve(at.size() + 1);  // sized once: each page it grows through is a fault at start-up
  add_range(zone.ranges, far_past, offset[0]);
  for (std::size_t i = 0; i < at.size(); ++i) {
    if (type_of[i] >= offset.size() || (i > 0 && at[i] <= at[i - 1])) return std::nullopt;  // out of order
    add_range(zone.ranges, std::clamp(at[i], far_past + 1, far_future - 1), offset[type_of[i]]);
  }
  if (!at.empty()) zone.last_transition = std::clamp(at.back(), far_past + 1, far_future - 1);
  // The footer: "\n<POSIX TZ string>\n" after the v2 block.
  const std::string_view rest = bytes.substr(r.pos);
  if (rest.size() >= 2 && rest.front() == '\n') {
    const std::size_t close = rest.find('\n', 1);
    if (close != std::string_view::npos && close > 1) zone.footer = parse_posix_tz(rest.substr(1, close - 1));
  }
  return zone;
}

std::optional<tzif_zone> read_tzif(const std::string& path) {
  std::ifstream in;
  in.rdbuf()->pubsetbuf(nullptr, 0);  // unbuffered: read in chunks below, no 8 KiB stream buffer
  in.open(path, std::ios::binary);
  if (!in) return std::nullopt;
  constexpr std::size_t max_bytes = std::size_t{1} << 20;
  std::string bytes;
  char chunk[4096];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > max_bytes) return std::nullopt;
  }
  return parse_tzif(bytes);
}

}  // namespace recur::detail
