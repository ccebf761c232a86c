#!/usr/bin/env bash
# Runs Qiaoban on http://localhost:8080 (QIAOBAN_PORT to change it). Builds it first when the
# sources changed since the last build. Without QIAOBAN_DB_URL it starts an embedded PostgreSQL
# whose data lives in ./data (QIAOBAN_DATA_DIR to change it).
set -euo pipefail
cd "$(dirname "$0")"
jar=web-ui/target/quarkus-app/quarkus-run.jar
# Quarkus gives the jar a fixed timestamp (reproducible builds), so a stamp of our own dates the build
stamp=web-ui/target/.run-build-stamp
if [ ! -f "$jar" ] || [ ! -f "$stamp" ] || [ -n "$(find pom.xml platform-core rule-engine form-engine flow-engine web-ui \
    \( -path '*/node_modules' -o -path '*/target' -o -path '*/dist' -o -path '*/src/test' \) -prune \
    -o -type f -newer "$stamp" -print -quit)" ]; then
  echo "Building Qiaoban (the first build downloads dependencies and takes a few minutes)..."
  # stamped with the time the build started (to the nanosecond): a file edited during it rebuilds next time
  mkdir -p web-ui/target && touch "$stamp.new"
  ./mvnw -B -q -DskipTests -pl web-ui -am package
  mv "$stamp.new" "$stamp"
fi
exec java ${QIAOBAN_JAVA_OPTS:-} -jar "$jar" "$@"
