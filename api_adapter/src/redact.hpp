// Private: keeps the access token out of everything the client returns or logs.
//
// A server controls the status line, headers and body; any of them may echo the token, whole,
// in pieces, or JSON-escaped. The redactor replaces every occurrence of the token, and every
// piece of it at least `min_piece` bytes long (12, or the whole token when shorter), with
// "[redacted]". Text is redacted before it is cut to size, so no half token survives a cut.
// JSON text is redacted after decoding (its strings, not their escaped form).
//
// Thread safety: immutable after construction.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <memory>
#include <vector>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "recur/api/error.hpp"

namespace recur::api::detail {

class redactor {
 public:
  explicit redactor(std::string token);

  // `text` with the token and its long pieces replaced, cut to at most `max_bytes` (plus a
  // note of the bytes left out).
  std::string operator()(std::string_view text, std::size_t max_bytes = 1024) const;
  // Compact JSON text of `value` with every string (and key) redacted.
  std::string json(const nlohmann::json& value, std::size_t max_bytes) const;
  // Every text field of `e` redacted and cut to its size.
  void scrub(api_error& e) const;

 private:
  std::string whole_replaced(std::string_view text) const;
  std::string pieces_replaced(const std::string& text) const;
  nlohmann::json redacted_copy(const nlohmann::json& value) const;

  std::shared_ptr<const std::string> token_;
  std::size_t min_piece_ = 0;
  std::vector<std::uint64_t> piece_hashes_;  // rolling hashes of every min_piece_-byte window of the token, sorted
  std::uint64_t drop_factor_ = 1;
};

}  // namespace recur::api::detail
