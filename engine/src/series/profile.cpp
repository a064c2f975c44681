#include "recur/profile.hpp"

#include "base/text.hpp"

namespace recur {

const char* to_string(profile p) noexcept {
  switch (p) {
    case profile::rfc: return "rfc";
    case profile::dateutil: return "dateutil";
    case profile::libical: return "libical";
    case profile::google: return "google";
  }
  return "rfc";
}

result<profile> parse_profile(std::string_view name) {
  for (profile p : all_profiles)
    if (name == to_string(p)) return p;
  return make_error(error_code::bad_value,
                    "unknown profile " + text::quote(name) + " (one of rfc, dateutil, libical, google)");
}

interpretation interpretation_of(profile p) {
  interpretation out;
  switch (p) {
    case profile::rfc: break;
    case profile::dateutil:
      out.parse.forbidden = forbidden_parts::filter;
      out.parse.count_zero_is_empty = true;
      out.series.dtstart = dtstart_policy::only_when_on_rule;
      out.series.until_date = until_date_policy::start_of_day;
      out.series.reading.week_number_whole_week = true;
      out.series.reading.week_number_calendar_year = true;
      break;
    case profile::libical:
      out.series.dtstart = dtstart_policy::only_when_on_rule;
      out.series.overlaps = overlap_policy::latest;
      out.series.reading.yearly_month_day_in_start_month = true;
      out.series.reading.negative_month_day_below_monthly_never = true;
      break;
    case profile::google: out.parse.forbidden = forbidden_parts::ignore; break;
  }
  return out;
}

}  // namespace recur
