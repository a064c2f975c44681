#include "support/libical_oracle.hpp"

#include <libical/ical.h>

#include "recur/civil.hpp"

namespace recur::test {

std::optional<std::vector<std::int64_t>> libical_expand(const std::string& rule, const std::string& dtstart,
                                                        std::size_t limit) {
  icalerror_clear_errno();
  const icalrecurrencetype recurrence = icalrecurrencetype_from_string(rule.c_str());
  if (recurrence.freq == ICAL_NO_RECURRENCE) return std::nullopt;
  const icaltimetype start = icaltime_from_string(dtstart.c_str());
  if (icaltime_is_null_time(start)) return std::nullopt;
  icalrecur_iterator* it = icalrecur_iterator_new(recurrence, start);
  if (!it) return std::nullopt;
  std::vector<std::int64_t> out;
  for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t) && out.size() < limit;
       t = icalrecur_iterator_next(it)) {
    out.push_back(days_from_civil(civil_date{t.year, t.month, t.day}) * 86400 + t.hour * 3600 + t.minute * 60 +
                  t.second);
  }
  icalrecur_iterator_free(it);
  return out;
}

}  // namespace recur::test
