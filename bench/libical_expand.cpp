// libical_expand: `recur expand`'s command line (--rrule, --start, --tz, --from, --to, --master,
// --format ms|ids|json) answered by libical: its icalrecur_iterator in DTSTART's zone and its
// own zone conversion, written through one buffer with std::to_chars. It is the "libical
// expander process with the same command line" that bench/process_bench.py times against
// recur, so that the README's whole-process ratios are measured, start-up included (libical's
// shared libraries and the ICU ones Debian's build brings). The output is recur's, byte for
// byte, where the two engines agree; the script checks that. A measuring tool: not installed.
#include <libical/ical.h>

#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>

#include <CLI/CLI.hpp>

#include "recur/iso8601.hpp"

namespace {

struct options {
  std::string rrule, start, tz = "UTC", from, to, master, format = "ms";
};

// The output, flushed to stdout in 64 KiB blocks.
class writer {
 public:
  ~writer() { flush(); }
  void text(std::string_view s) { buffer_.append(s); }
  void number(long long v, int min_digits = 1) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, v < 0 ? -v : v).ptr;
    if (v < 0) buffer_.push_back('-');
    for (int pad = min_digits - static_cast<int>(end - digits); pad > 0; --pad) buffer_.push_back('0');
    buffer_.append(digits, end);
  }
  void end_line() { buffer_.push_back('\n'); }
  void flush_if_full() {
    if (buffer_.size() >= 65536) flush();
  }
  void flush() {
    std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
    buffer_.clear();
  }

 private:
  std::string buffer_;
};

// --from/--to as recur reads them: epoch milliseconds, or ISO 8601 with an offset.
long long window_ms(const std::string& text, long long fallback) {
  if (text.empty()) return fallback;
  long long ms = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (error == std::errc{} && end == text.data() + text.size()) return ms;
  return recur::unix_ms(*recur::parse_iso8601(text).value().as_written());
}

// 2026-03-02T09:00:00-05:00: the wall time and its offset, as recur's json format writes them.
void local_time(writer& out, const icaltimetype& t, int offset) {
  out.number(t.year, 4);
  out.text("-");
  out.number(t.month, 2);
  out.text("-");
  out.number(t.day, 2);
  out.text("T");
  out.number(t.hour, 2);
  out.text(":");
  out.number(t.minute, 2);
  out.text(":");
  out.number(t.second, 2);
  out.text(offset < 0 ? "-" : "+");
  const int magnitude = offset < 0 ? -offset : offset;
  out.number(magnitude / 3600, 2);
  out.text(":");
  out.number(magnitude / 60 % 60, 2);
}

void write_occurrence(writer& out, const options& o, long long ms, icaltimetype local, icaltimezone* zone,
                      bool& first) {
  const char format = o.format[0];  // m, i or j: CLI11 has checked the word
  if (format == 'm') {
    out.number(ms);
  } else if (format == 'i') {
    out.text(o.master);
    out.text("_");
    out.number(ms);
    out.text("_0");
  } else {
    int is_dst = 0;
    const int offset = icaltimezone_get_utc_offset(zone, &local, &is_dst);
    out.text(first ? "  {\"endTime\":\"" : ",\n  {\"endTime\":\"");
    local_time(out, local, offset);
    out.text("\",\"id\":\"");
    out.text(o.master);
    out.text("_");
    out.number(ms);
    out.text("_0\",\"startTime\":\"");
    local_time(out, local, offset);
    out.text("\"}");
    first = false;
  }
  if (format != 'j') out.end_line();
  out.flush_if_full();
}

int expand(const options& o) {
  icaltimezone* zone = o.tz == "UTC" ? icaltimezone_get_utc_timezone() : icaltimezone_get_builtin_timezone(o.tz.c_str());
  if (!zone) {
    std::fprintf(stderr, "libical_expand: unknown zone %s\n", o.tz.c_str());
    return 2;
  }
  const long long start_ms = recur::unix_ms(*recur::parse_iso8601(o.start).value().as_written());
  const icaltimetype dtstart = icaltime_from_timet_with_zone(start_ms / 1000, 0, zone);
  const std::string rule_text = o.rrule.rfind("RRULE:", 0) == 0 ? o.rrule.substr(6) : o.rrule;
  const icalrecurrencetype rule = icalrecurrencetype_from_string(rule_text.c_str());
  const long long from = window_ms(o.from, start_ms), to = window_ms(o.to, 253402300799999LL);
  writer out;
  bool first = true;
  if (o.format == "json") out.text("[\n");
  icalrecur_iterator* it = icalrecur_iterator_new(rule, dtstart);
  for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t); t = icalrecur_iterator_next(it)) {
    const long long ms = static_cast<long long>(icaltime_as_timet_with_zone(t, zone)) * 1000;
    if (ms > to) break;
    if (ms >= from) write_occurrence(out, o, ms, t, zone, first);
  }
  icalrecur_iterator_free(it);
  if (o.format == "json") out.text(first ? "]\n" : "\n]\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"recur expand's command line, expanded by libical (a benchmark tool)"};
  options o;
  app.add_option("--rrule", o.rrule)->required();
  app.add_option("--start", o.start)->required();
  app.add_option("--tz", o.tz);
  app.add_option("--from", o.from);
  app.add_option("--to", o.to);
  app.add_option("--master", o.master);
  app.add_option("--format", o.format)->check(CLI::IsMember({"ms", "ids", "json"}));
  CLI11_PARSE(app, argc, argv);
  return expand(o);
}
