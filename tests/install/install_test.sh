#!/usr/bin/env bash
# cmake --install as a user meets it: install the build into a scratch prefix, build
# tests/install/consumer against it with find_package(haul), run it and check its figures, and run
# the installed haul. Called by ctest with BUILD (the build folder) and SRC (the source tree), and
# CONSUMER_LDFLAGS (the sanitizers' link flags when BUILD is a sanitizer build).
set -u
: "${BUILD:?set BUILD to the build folder}" "${SRC:?set SRC to the source tree}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { passed=$((passed + 1)); }

prefix=$work/prefix
if ! cmake --install "$BUILD" --prefix "$prefix" >"$work/install.log" 2>&1; then
  cat "$work/install.log"
  echo "FAIL: cmake --install"
  exit 1
fi

# What a user finds where (cmake/install.cmake); the library folder is lib or lib64 by platform.
for path in bin/haul share/man/man1/haul.1.gz share/bash-completion/completions/haul \
  share/zsh/vendor-completions/_haul share/haul/configs/seed.toml \
  share/haul/configs/sweep-network.toml include/haul/input/units.hpp \
  include/haul/model/network.hpp include/haul/run/sweep.hpp; do
  if [ -e "$prefix/$path" ]; then ok; else fail "not installed: $path"; fi
done
if ls "$prefix"/lib*/libhaul_core.a "$prefix"/lib*/cmake/haul/haulConfig.cmake \
  "$prefix"/lib*/cmake/haul/haulConfigVersion.cmake >/dev/null 2>&1; then ok; else
  fail "libhaul_core.a or the CMake package is missing"
fi
# MODEL.md section 14's flat names forward to the folders' headers; a name in two folders
# (fields.hpp: input/ and model/) has none, and the internal *_detail headers have none.
for path in include/haul/units.hpp include/haul/network.hpp include/haul/plan.hpp; do
  if [ -e "$prefix/$path" ]; then ok; else fail "not installed: $path"; fi
done
for path in include/haul/fields.hpp include/haul/sweep_impl.hpp; do
  if [ -e "$prefix/$path" ]; then fail "installed: $path"; else ok; fi
done
# The command line is not the library: no CLI11 header is needed to use it.
if [ -e "$prefix/include/haul/cli" ]; then fail "include/haul/cli installed"; else ok; fi

# The consumer, configured and built against the prefix alone.
if cmake -S "$SRC/tests/install/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXE_LINKER_FLAGS="${CONSUMER_LDFLAGS:-}" \
  >"$work/consumer.log" 2>&1 &&
  cmake --build "$work/consumer" >>"$work/consumer.log" 2>&1; then
  ok
  # 80 TB = 80 * 10^12 bytes. 1 TB over 1 Gbps with rtt 0: the payload rate is the line rate
  # times Ethernet's payload share (1500 - 40) / (1500 + 38) = 1460/1538 (RFC 6349), over 8 bits:
  # 10^9 * 1460 / 1538 / 8 = 118,660,598.2 B/s, and 10^12 B at that rate is
  # 8 * 10^12 * 1538 / (10^9 * 1460) = 12,304,000 / 1460 = 8427.40 s.
  expected=$'80000000000000 bytes\n8427.40 s'
  got=$("$work/consumer/consumer")
  if [ "$got" = "$expected" ]; then ok; else fail "consumer printed '$got', expected '$expected'"; fi
else
  tail -30 "$work/consumer.log"
  fail "the consumer project did not configure or build against the installed haul"
fi

# The installed binary runs the README's first command.
if "$prefix/bin/haul" compare >"$work/out" 2>"$work/err" && grep -q 'time to model' "$work/out"; then ok; else
  fail "installed haul compare: $(head -c 300 "$work/err")"
fi

echo "install_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
