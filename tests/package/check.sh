#!/usr/bin/env bash
# Builds and runs examples/ the three ways an adopter uses recur (README "Use recur from your
# project"):
#   1. cmake --install BUILD_DIR into a temporary prefix, then find_package(recur CONFIG);
#   2. add_subdirectory with the engine alone (JSON, client and CLI off; nlohmann_json, CURL
#      CLI11 and date made unfindable), so nothing else is needed; built as a shared library with
#      hidden symbols, whose export list is checked;
#   3. pkg-config recur.
# Expected output is worked out by hand from the calendar (see the comments), not copied from
# a run.
#   tests/package/check.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "package: $*"; exit 1; }

# occurrences: WEEKLY MO,WE 09:00 New York from Monday 2026-03-02 (EST, -05:00); clocks go
# forward on Sunday 2026-03-08, so from the 9th the offset is -04:00. 2026-03-16T13:00:00Z is
# 1773666000000 ms (09:00 EDT, valid); an hour later is not on the rule.
occurrences_expected='2026-03-02T09:00:00-05:00
2026-03-04T09:00:00-05:00
2026-03-09T09:00:00-04:00
2026-03-11T09:00:00-04:00
2026-03-16T09:00:00-04:00
after DST: 2026-03-09T09:00:00-04:00
meeting_1773666000000_1800: valid
meeting_1773669600000_1800: not_on_rule
expand without an end: unbounded'
check_occurrences() {
  [ "$("$1")" = "$occurrences_expected" ] || { "$1" || true; fail "$2: occurrences printed the wrong lines"; }
}

# instance_ids: DAILY COUNT=3 from 2026-03-01T09:00:00Z (1772355600000 ms; a day is 86400000 ms),
# 30 minutes; a window from the second day's start keeps the last two. A single event prints
# its own id when it overlaps the window and nothing otherwise.
master='{"event": {"id": "m", "rrule": "RRULE:FREQ=DAILY;COUNT=3", "startTime": "2026-03-01T09:00:00Z", "endTime": "2026-03-01T09:30:00Z"}}'
single='{"id": "s1", "startTime": "2026-03-01T09:00:00Z", "endTime": "2026-03-01T10:00:00Z"}'
check_instance_ids() {
  local bin=$1
  [ "$(echo "$master" | "$bin" UTC 0 9999999999999)" = $'m_1772355600000_1800\nm_1772442000000_1800\nm_1772528400000_1800' ] ||
    fail "instance_ids: wrong ids for the master"
  [ "$(echo "$master" | "$bin" UTC 1772442000000 9999999999999)" = $'m_1772442000000_1800\nm_1772528400000_1800' ] ||
    fail "instance_ids: wrong ids for a window"
  [ "$(echo "$single" | "$bin" America/New_York 1772359000000 1772359000000)" = "s1" ] ||
    fail "instance_ids: a single event overlapping the window should print its id"
  [ -z "$(echo "$single" | "$bin" UTC 1772359200000 1772400000000)" ] ||
    fail "instance_ids: a single event ending at the window's start should print nothing"
  local status=0 err
  err=$(echo '{"event": 1' | "$bin" UTC 0 1 2>&1 >/dev/null) || status=$?
  [ "$status" = 2 ] && [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || fail "instance_ids: bad JSON should be exit 2 with one line"
  status=0
  err=$(echo "$master" | "$bin" Mars/Olympus 0 1 2>&1 >/dev/null) || status=$?
  [ "$status" = 2 ] && [[ "$err" == *Mars/Olympus* ]] || fail "instance_ids: an unknown zone should be exit 2 naming it"
}

# 1. An installed recur, through find_package.
cmake --install "$build" --prefix "$work/prefix" >/dev/null
[ -x "$work/prefix/bin/recur" ] || fail "the CLI was not installed to bin/"
cmake -S "$repo/examples" -B "$work/installed" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/installed" -j2 >/dev/null
check_occurrences "$work/installed/occurrences" "find_package"
check_instance_ids "$work/installed/instance_ids"

# 2. add_subdirectory with the engine alone: configures with no other package findable. Built
#    shared (step 1 is static), so that the hidden-symbol export list is checked too.
cmake --no-warn-unused-cli -S "$here/subdir" -B "$work/subdir" -DRECUR_SOURCE_DIR="$repo" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
  -DRECUR_BUILD_JSON=OFF -DRECUR_BUILD_API=OFF -DRECUR_BUILD_CLI=OFF \
  -DCMAKE_DISABLE_FIND_PACKAGE_nlohmann_json=ON -DCMAKE_DISABLE_FIND_PACKAGE_CURL=ON \
  -DCMAKE_DISABLE_FIND_PACKAGE_CLI11=ON -DCMAKE_DISABLE_FIND_PACKAGE_Catch2=ON \
  -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON -DCMAKE_DISABLE_FIND_PACKAGE_LibIcal=ON \
  -DCMAKE_DISABLE_FIND_PACKAGE_date=ON >/dev/null
cmake --build "$work/subdir" -j2 >/dev/null
check_occurrences "$work/subdir/examples/occurrences" "add_subdirectory"
[ ! -e "$work/subdir/examples/instance_ids" ] || fail "add_subdirectory (engine only) should not build instance_ids"
so="$work/subdir/recur/engine/librecur_engine.so"
[ -e "$so" ] || fail "BUILD_SHARED_LIBS=ON did not build librecur_engine.so"
[[ "$(ldd "$work/subdir/examples/occurrences")" == *librecur_engine.so* ]] || fail "occurrences is not linked to the shared engine"
exports=$(nm -DC --defined-only "$so")
grep -q ' T recur::make_series(' <<<"$exports" || fail "the shared engine does not export make_series"
grep -q 'typeinfo for recur::recur_error' <<<"$exports" || fail "recur_error's typeinfo is not exported (catch across libraries)"
! grep -E ' [TW] recur::(detail|text)::' <<<"$exports" || fail "the shared engine exports internals (detail, text)"

# 3. pkg-config.
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig:$work/prefix/lib/x86_64-linux-gnu/pkgconfig"
# shellcheck disable=SC2046
g++ -std=c++17 "$repo/examples/occurrences.cpp" -o "$work/pc_occurrences" $(pkg-config --cflags --libs recur)
check_occurrences "$work/pc_occurrences" "pkg-config"

# The README's library program, as printed there: DAILY COUNT=5 from 2026-03-01T14:00:00Z
# (1772373600000 ms) without the excluded 03-03, then the window 03-02..03-04 (UTC midnights).
sed -n '/^## Library/,/^### /p' "$repo/README.md" | sed -n '/^```cpp/,/^```/p' | sed '1d;$d' >"$work/readme.cpp"
# shellcheck disable=SC2046
g++ -std=c++17 -x c++ "$work/readme.cpp" -o "$work/readme" $(pkg-config --cflags --libs recur)
[ "$("$work/readme")" = $'masterId_1772373600000_1800\nmasterId_1772460000000_1800\nmasterId_1772632800000_1800\nmasterId_1772719200000_1800\nmasterId_1772460000000_1800' ] ||
  fail "the README's library program printed the wrong ids"
# The installed CLI loads its iCalendar module from the prefix, not from the build tree.
ics_libs=$(LD_DEBUG=libs "$work/prefix/bin/recur" ics import "$repo/cli/examples/calendar.ics" 2>&1 >/dev/null) ||
  fail "the installed recur could not import an .ics file"
grep -q "$work/prefix/.*/recur/recur_ics_module.so" <<<"$ics_libs" || fail "the installed recur did not load its own recur_ics_module.so"
# A static recur (RECUR_STATIC_CLI, the default build) starts without the dynamic loader, which
# alone reads LD_DEBUG; the iCalendar work above ran in the prefix's libexec/recur/recur-full
# (a recur-full elsewhere would not find the prefix's module).
if [ -e "$work/prefix/libexec/recur/recur-full" ]; then
  [ -z "$(LD_DEBUG=libs "$work/prefix/bin/recur" expand --rrule 'FREQ=DAILY;COUNT=1' --start 2026-03-01T09:00:00Z 2>&1 >/dev/null)" ] ||
    fail "the installed static recur ran the dynamic loader"
fi

# 4. Without libical: recur::ics is off (configure says so, the installed package has no
#    recur::ics) and the CLI's `recur ics` compiles to its "built without libical" answer.
cmake -S "$repo" -B "$work/noical" -DRECUR_BUILD_TESTS=OFF -DRECUR_BUILD_BENCH=OFF \
  -DCMAKE_DISABLE_FIND_PACKAGE_LibIcal=ON >"$work/noical.log" 2>&1 || fail "configure without libical failed"
grep -q 'libical not found: recur::ics and `recur ics` are not built' "$work/noical.log" ||
  fail "configure without libical did not say that recur::ics is off"
make -C "$work/noical/cli" ics_command.cpp.o >/dev/null || fail "the CLI's ics command does not compile without libical"
grep -q 'find_dependency(LibIcal' "$work/prefix/lib/cmake/recur/recurConfig.cmake" ||
  fail "the installed package (with recur::ics) does not find libical for its users"

echo "package: examples (and the README program) built and run through find_package, add_subdirectory (engine only) and pkg-config"
