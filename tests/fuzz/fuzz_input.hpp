// Splits a fuzz input into a few fixed-size numbers and the remaining text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

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

 private:
  const std::uint8_t* data_;
  std::size_t size_;
};

inline const char* zone_name(std::uint8_t i) {
  static const char* zones[] = {"UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Pacific/Apia",
                                "America/Sao_Paulo", "Pacific/Chatham", "Asia/Kathmandu", "Europe/Dublin", ""};
  return zones[i % 10];  // "" = a fixed offset
}

}  // namespace recur::fuzz
