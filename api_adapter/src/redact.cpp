#include "redact.hpp"

#include <algorithm>
#include <vector>

namespace recur::api::detail {
namespace {
constexpr std::string_view mark = "[redacted]";
constexpr std::size_t piece_bytes = 12;
}  // namespace

redactor::redactor(std::string token) : token_(std::move(token)), min_piece_(std::min(token_.size(), piece_bytes)) {}

std::string redactor::whole_replaced(std::string_view text) const {
  std::string out(text);
  if (token_.empty()) return out;
  for (std::size_t at = out.find(token_); at != std::string::npos; at = out.find(token_, at + mark.size()))
    out.replace(at, token_.size(), mark);
  return out;
}

// Marks every byte of `text` inside a run of at least min_piece_ bytes that also occurs in
// the token, then replaces each marked stretch.
std::string redactor::pieces_replaced(const std::string& text) const {
  if (token_.empty() || text.size() < min_piece_) return text;
  std::vector<bool> covered(text.size(), false);
  for (std::size_t i = 0; i + min_piece_ <= text.size(); ++i) {
    std::size_t longest = 0;
    for (std::size_t j = 0; j < token_.size() && longest < token_.size(); ++j) {
      std::size_t n = 0;
      while (i + n < text.size() && j + n < token_.size() && text[i + n] == token_[j + n]) ++n;
      longest = std::max(longest, n);
    }
    if (longest >= min_piece_) std::fill(covered.begin() + static_cast<std::ptrdiff_t>(i),
                                         covered.begin() + static_cast<std::ptrdiff_t>(i + longest), true);
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
  const std::size_t scan = std::min(whole.size(), max_bytes + token_.size());
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
