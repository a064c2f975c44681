#include "redact.hpp"

#include <algorithm>
#include <memory>
#include <vector>

namespace recur::api::detail {
namespace {
constexpr std::string_view mark = "[redacted]";
constexpr std::size_t piece_bytes = 12;
constexpr std::uint64_t hash_base = 1099511628211ULL;  // odd: arithmetic mod 2^64
}  // namespace

redactor::redactor(std::string token)
    : token_(std::make_shared<const std::string>(std::move(token))), min_piece_(std::min(token_->size(), piece_bytes)) {
  for (std::size_t k = 0; k < min_piece_; ++k) drop_factor_ *= hash_base;  // base^min_piece_: a byte leaving the window
  for (std::size_t i = 0; min_piece_ && i + min_piece_ <= token_->size(); ++i) {
    std::uint64_t h = 0;
    for (std::size_t k = 0; k < min_piece_; ++k) h = h * hash_base + static_cast<unsigned char>((*token_)[i + k]);
    piece_hashes_.push_back(h);
  }
  std::sort(piece_hashes_.begin(), piece_hashes_.end());
}

std::string redactor::whole_replaced(std::string_view text) const {
  std::string out(text);
  const std::string& token = *token_;
  if (token.empty()) return out;
  for (std::size_t at = out.find(token); at != std::string::npos; at = out.find(token, at + mark.size()))
    out.replace(at, token.size(), mark);
  return out;
}

// Marks every byte of `text` inside a window of min_piece_ bytes that is also a window of the
// token (overlapping windows make up longer pieces), then replaces each marked stretch.
std::string redactor::pieces_replaced(const std::string& text) const {
  if (token_->empty() || text.size() < min_piece_) return text;
  std::vector<bool> covered(text.size(), false);
  const std::string_view view(text);
  // A rolling hash finds candidate windows; the token confirms each.
  std::uint64_t h = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    h = h * hash_base + static_cast<unsigned char>(text[i]);
    if (i + 1 < min_piece_) continue;
    if (i + 1 > min_piece_) h -= drop_factor_ * static_cast<unsigned char>(text[i - min_piece_]);
    const std::size_t start = i + 1 - min_piece_;
    if (std::binary_search(piece_hashes_.begin(), piece_hashes_.end(), h) &&
        token_->find(view.substr(start, min_piece_)) != std::string::npos)
      std::fill(covered.begin() + static_cast<std::ptrdiff_t>(start),
                covered.begin() + static_cast<std::ptrdiff_t>(i + 1), true);
  }
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!covered[i]) {
      out += text[i];
    } else if (i == 0 || !covered[i - 1]) {
      out += mark;
    }
  }
  return out;
}

std::string redactor::operator()(std::string_view text, std::size_t max_bytes) const {
  std::string whole = whole_replaced(text);
  // Pieces are looked for just past the cut as well, so one straddling it is still found.
  const std::size_t scan = std::min(whole.size(), max_bytes + token_->size());
  std::string out = pieces_replaced(whole.substr(0, scan));
  const std::size_t left_out = whole.size() - scan + (out.size() > max_bytes ? out.size() - max_bytes : 0);
  if (out.size() > max_bytes) out.resize(max_bytes);
  if (left_out) out += "... (" + std::to_string(left_out) + " more bytes)";
  return out;
}

nlohmann::json redactor::redacted_copy(const nlohmann::json& value) const {
  if (value.is_string()) return whole_replaced(value.get_ref<const std::string&>());
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(redacted_copy(item));
    return out;
  }
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, item] : value.items()) out[whole_replaced(key)] = redacted_copy(item);
    return out;
  }
  return value;
}

std::string redactor::json(const nlohmann::json& value, std::size_t max_bytes) const {
  return (*this)(redacted_copy(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), max_bytes);
}

void redactor::scrub(api_error& e) const {
  e.message = (*this)(e.message, 2048);
  e.error = (*this)(e.error, 512);
  e.trace_id = (*this)(e.trace_id, 256);
  if (e.limits.retry_after) e.limits.retry_after = (*this)(*e.limits.retry_after, 128);
}

}  // namespace recur::api::detail
