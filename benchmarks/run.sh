#!/usr/bin/env bash
# Builds the benchmarks (Maven profile 'benchmarks') and runs them all; rewrites docs/benchmarks.md and its
# charts. Usage: benchmarks/run.sh [--quick] [--only STAGE[,STAGE]] (overhead, split, telemetry, streaming,
# concurrency, scale, coldstart, codecs, batch, layers: those stages only, no report). Needs JDK 17+ and Maven;
# ~12 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
MODULES=benchmarks,samples
if [ -f lambda-layer/pom.xml ]; then MODULES=$MODULES,lambda-layer; fi
echo "== building ($MODULES and what they need)"
# clean: the compiler plugin does not recompile unchanged sources when compiler flags change (e.g. the parent pom's
# -XDstringConcat=inline), and the cold start measures the bytecode
mvn -B -ntp -q -Pbenchmarks -pl "$MODULES" -am -DskipTests -Djacoco.skip=true \
  clean package dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt
echo "== resolving the plain AWS SDK (layer size and cold-start baseline)"
(cd benchmarks/plain-sdk && mvn -B -ntp -q dependency:build-classpath -DincludeScope=runtime \
  -Dmdep.outputFile=../target/plain-sdk-classpath.txt)
JAR=$(ls benchmarks/target/genai-aws-benchmarks-*.jar | grep -v -e sources -e tests | head -1)
echo "== running"
# sun.net.httpserver.nodelay: the emulator is the JDK's HttpServer, which otherwise leaves Nagle's algorithm on
# and adds a 40 ms delayed-ACK stall to most loopback calls, hiding every client-side cost (see the doc).
exec java -Xms2g -Xmx2g -Djava.awt.headless=true -Dsun.net.httpserver.nodelay=true -cp "$JAR:$(cat benchmarks/target/classpath.txt)" \
  dev.genaiaws.benchmarks.RunAll --repo . "$@"
