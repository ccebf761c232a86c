#!/usr/bin/env bash
# Runs Qiaoban on http://localhost:8080 (QIAOBAN_PORT to change it). Builds it first when the
# sources are newer than the packaged application. Without QIAOBAN_DB_URL it starts an embedded
# PostgreSQL whose data lives in ./data (QIAOBAN_DATA_DIR to change it).
set -euo pipefail
cd "$(dirname "$0")"
jar=web-ui/target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml platform-core web-ui -newer "$jar" \( -path '*/node_modules' -o -path '*/target' -o -path '*/dist' \) -prune -o -type f -print -quit)" ]; then
  echo "Building Qiaoban (the first build downloads dependencies and takes a few minutes)..."
  ./mvnw -B -q -DskipTests -pl web-ui -am package
fi
exec java ${QIAOBAN_JAVA_OPTS:-} -jar "$jar" "$@"
