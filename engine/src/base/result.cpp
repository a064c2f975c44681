#include "recur/result.hpp"

namespace recur {

const char* to_string(error_code code) noexcept {
  switch (code) {
    case error_code::empty_input: return "empty_input";
    case error_code::syntax: return "syntax";
    case error_code::unknown_part: return "unknown_part";
    case error_code::duplicate_part: return "duplicate_part";
    case error_code::missing_part: return "missing_part";
    case error_code::bad_value: return "bad_value";
    case error_code::out_of_range: return "out_of_range";
    case error_code::conflict: return "conflict";
    case error_code::not_allowed: return "not_allowed";
    case error_code::unsupported: return "unsupported";
    case error_code::unknown_zone: return "unknown_zone";
    case error_code::bad_time: return "bad_time";
    case error_code::bad_instance_id: return "bad_instance_id";
    case error_code::limit_exceeded: return "limit_exceeded";
    case error_code::unbounded: return "unbounded";
    case error_code::api_failure: return "api_failure";
  }
  return "unknown";
}

}  // namespace recur
