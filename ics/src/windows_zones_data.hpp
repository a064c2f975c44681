// Private: ics/data/windowsZones.tsv as compiled-in text (generated at configure time).
#pragma once

namespace recur::ics::detail {
extern const char windows_zones_tsv[];
}
