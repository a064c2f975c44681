// Splits a fuzz input into a few fixed-size numbers and the remaining text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "recur/zone.hpp"

namespace recur::fuzz {

class input {
 public:
  input(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  template <class T>
  T take() {
    T v{};
    const std::size_t n = size_ < sizeof(T) ? size_ : sizeof(T);
    std::memcpy(&v, data_, n);
    data_ += n;
    size_ -= n;
    return v;
  }
  std::string_view rest() const { return {reinterpret_cast<const char*>(data_), size_}; }
  void take_bytes(std::size_t n) {
    n = n < size_ ? n : size_;
    data_ += n;
    size_ -= n;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
};

inline const char* zone_name(std::uint8_t i) {
  static const char* zones[] = {"UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Pacific/Apia",
                                "America/Sao_Paulo", "Pacific/Chatham", "Asia/Kathmandu", "Europe/Dublin", ""};
  return zones[i % 10];  // "" = a fixed offset
}

// The zone zone_name(i) names, loaded once per process (a load builds the zone's offset
// table; doing it per input made the harnesses several times slower). A fixed offset for "".
inline const recur::zone& cached_zone(std::uint8_t i) {
  static const std::vector<recur::zone> zones = [] {
    std::vector<recur::zone> out;
    for (std::uint8_t k = 0; k < 10; ++k) out.push_back(*zone_name(k) ? recur::zone::load(zone_name(k)).value() : recur::zone{});
    return out;
  }();
  return zones[i % 10];
}

}  // namespace recur::fuzz
