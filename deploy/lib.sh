# Shared helpers for deploy/run-dev, deploy/test and .ci/run. Source it; don't run it.

# Picks the newest JDK >= 21 for JAVA_HOME: the current JAVA_HOME if it qualifies, else the newest
# under /usr/lib/jvm. Stops with a clear message if there is none.
overgang_pick_jdk() {
  local best="" best_version=0 dir version
  for dir in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [ -x "$dir/bin/javac" ] || continue
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release" 2>/dev/null)
    [ -n "$version" ] || version=$("$dir/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
    if [ "${version:-0}" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best="$dir"; best_version="$version"
    fi
  done
  if [ -z "$best" ]; then
    echo "Overgang needs a JDK 21 or newer (none found in JAVA_HOME or /usr/lib/jvm)." >&2
    echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 25, then run this again." >&2
    exit 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

overgang_require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "Overgang builds with Apache Maven 3.8+: apt-get install maven" >&2
    exit 1
  fi
}

# Makes sure a PostgreSQL answers at 127.0.0.1:5432: starts the local cluster if it is stopped.
# Returns 1 if there is no local PostgreSQL installation at all.
overgang_local_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    return 0
  fi
  if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    local version
    version=$(ls /etc/postgresql | sort -V | tail -1)
    echo "Starting the local PostgreSQL $version cluster ..." >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
    for _ in $(seq 1 30); do
      pg_isready -q -h 127.0.0.1 -p 5432 && return 0
      sleep 1
    done
  fi
  return 1
}

# Creates database $1 on the local server if it does not exist.
overgang_create_database() {
  local db="$1"
  if ! psql -h 127.0.0.1 -U "${PGUSER:-postgres}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    psql -q -h 127.0.0.1 -U "${PGUSER:-postgres}" -d postgres -c "CREATE DATABASE \"$db\"" >&2
  fi
}

# JVM options for running the server (deploy/run-dev, bench/run): a small heap and the serial
# collector keep the resident set well under 300 MB on a 2-core machine; override with OVERGANG_JAVA_OPTS.
# glibc's per-thread malloc arenas, and freed native memory the C library keeps (JIT arenas), otherwise
# add tens of MB of resident memory under load: fewer arenas, and the JVM trims the C heap every 2 s.
overgang_java_opts() {
  echo "${OVERGANG_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx128m -Xss512k -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:TrimNativeHeapInterval=2000}"
}
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
