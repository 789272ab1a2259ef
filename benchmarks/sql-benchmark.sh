#!/usr/bin/env bash
# Builds the benchmarks jar and runs the SQL benchmark: every statement, codec, connector and
# parallelism, written as markdown with the plans (push-downs) of every statement.
#
#   benchmarks/sql-benchmark.sh quick|full [SqlBenchmark options, e.g. --codecs snappy]
#
#   quick  200,000 rows, no warm-up, 1 run: whether the whole table runs and its checks agree
#          (a few minutes); writes target/sql-benchmark-quick.md. Not a measurement.
#   full   5,000,000 rows, 1 warm-up and 3 measured runs (about an hour, more the first time,
#          when the bzip2 and xz files are written); writes target/sql-benchmark.md.
#          Run it on an otherwise idle machine.
#
# Run from anywhere; files are cached in <repository>/target/bench-data. MVN_FLAGS adds Maven
# flags (e.g. MVN_FLAGS=-o to build offline).
set -euo pipefail

usage="usage: $0 quick|full [SqlBenchmark options]"
case "${1:-}" in
  quick) heap=2g ;;
  full) heap=4g ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
mode=$1
shift

cd "$(dirname "$0")/.."
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -pl benchmarks -am package -DskipTests
build="$(git describe --always --dirty 2>/dev/null || echo unknown)"
exec java "-Xms$heap" "-Xmx$heap" -cp benchmarks/target/benchmarks.jar \
  io.jetliner.flink.benchmarks.SqlBenchmark --mode "$mode" --build "$build" "$@"
