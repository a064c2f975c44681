#!/usr/bin/env bash
# Installs recur from BUILD_DIR into a temporary prefix, then builds and runs programs that use
# it through find_package(recur CONFIG) and through pkg-config. Expected ids: 2026-03-01T09:00Z
# is 1772355600 s; a day is 86400 s.
#   tests/package/check.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
expected=$'m_1772355600000_1800\nm_1772442000000_1800\nm_1772528400000_1800'

cmake -S "$here" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/consumer" >/dev/null
[ "$("$work/consumer/consumer")" = "$expected" ] || { echo "find_package consumer: wrong ids"; exit 1; }
[ "$("$work/consumer/consumer_json")" = "e1 1772355600000" ] || { echo "find_package json consumer: wrong output"; exit 1; }

export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig:$work/prefix/lib/x86_64-linux-gnu/pkgconfig"
# shellcheck disable=SC2046
g++ -std=c++17 "$here/consumer.cpp" -o "$work/pc_consumer" $(pkg-config --cflags --libs recur)
[ "$("$work/pc_consumer")" = "$expected" ] || { echo "pkg-config consumer: wrong ids"; exit 1; }
[ -x "$work/prefix/bin/recur" ] || { echo "the CLI was not installed to bin/"; exit 1; }
echo "package: find_package and pkg-config consumers print the expected ids"
