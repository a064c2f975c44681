#include "recur/detect_profile.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "recur/event_series.hpp"
#include "recur/validate.hpp"

namespace recur {
namespace {

// One master read under every profile (nullopt where that profile cannot read its rule).
struct readings {
  std::array<std::optional<series>, profile_count> by_profile;
};

readings read_master(const event& m, const zone& tz, gap_policy gaps) {
  readings out;
  for (std::size_t p = 0; p < profile_count; ++p) {
    interpretation how = interpretation_of(all_profiles[p]);
    how.series.gaps = gaps;
    auto s = series_of(m, tz, how);
    if (s) out.by_profile[p] = std::move(s.value());
  }
  return out;
}

// Whether the reading explains the id: its original start is an occurrence.
bool explains(const std::optional<series>& s, const std::string& master_id, const instance_id& id) {
  if (!s) return false;
  const validation v = validate(*s, master_id, id);
  return v.valid() || v.reason == invalid_reason::duration_differs;
}

// Checks one id under every reading; updates the master's counts and examples.
void check_id(const readings& r, const std::string& id_text, const instance_id& id, master_fit& fit,
              const detect_limits& limits) {
  separating_id verdict{id_text, {}};
  for (std::size_t p = 0; p < profile_count; ++p) {
    verdict.valid_under[p] = explains(r.by_profile[p], fit.master_id, id);
    if (!verdict.valid_under[p]) ++fit.disagreements[p];
  }
  ++fit.ids_checked;
  const auto& v = verdict.valid_under;
  const bool separates = std::find(v.begin(), v.end(), !v[0]) != v.end();
  if (separates && fit.separating.size() < limits.max_examples) fit.separating.push_back(std::move(verdict));
}

void choose(profile_detection& out) {
  std::size_t best = 0;
  for (std::size_t p = 0; p < profile_count; ++p) {
    if (out.disagreements[p] == 0) out.candidates.push_back(all_profiles[p]);
    if (out.disagreements[p] < out.disagreements[best]) best = p;
  }
  out.best = all_profiles[best];
  out.explains_all = out.disagreements[best] == 0;
}

}  // namespace

profile_detection detect_profile(const std::vector<event>& fetched, const std::vector<event>& masters, const zone& tz,
                                 gap_policy gaps, detect_limits limits) {
  profile_detection out;
  std::map<std::string, const event*> master_rows;
  for (const event& m : masters)
    if (m.is_master() && m.problems.empty()) master_rows.emplace(m.id, &m);

  std::map<std::string, std::pair<readings, master_fit>> fits;
  for (const event& e : fetched) {
    if (e.series_id.empty() || !e.problems.empty()) continue;
    const auto row = master_rows.find(e.series_id);
    if (row == master_rows.end()) continue;
    const auto id = parse_instance_id(e.id);
    if (!id || id.value().master != e.series_id) continue;
    auto it = fits.find(e.series_id);
    if (it == fits.end()) {
      master_fit fit;
      fit.master_id = e.series_id;
      it = fits.emplace(e.series_id, std::make_pair(read_master(*row->second, tz, gaps), std::move(fit))).first;
      const auto& r = it->second.first.by_profile;
      if (std::none_of(r.begin(), r.end(), [](const auto& s) { return s.has_value(); }))
        out.notes.push_back("master '" + e.series_id + "': no profile reads its rule");
    }
    check_id(it->second.first, e.id, id.value(), it->second.second, limits);
  }
  for (auto& [master_id, entry] : fits) {
    master_fit& fit = entry.second;
    out.ids_checked += fit.ids_checked;
    for (std::size_t p = 0; p < profile_count; ++p) out.disagreements[p] += fit.disagreements[p];
    out.masters.push_back(std::move(fit));
  }
  choose(out);
  return out;
}

}  // namespace recur
