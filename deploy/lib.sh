# Shared helpers for deploy/run-dev, deploy/test and .ci/run. Source it; don't run it.

# Picks the newest JDK >= 21 for JAVA_HOME: the current JAVA_HOME if it qualifies, else the newest
# under /usr/lib/jvm. Stops with a clear message if there is none.
overgang_pick_jdk() {
  local best="" best_version=0 dir version
  # A runtime image (deploy/Dockerfile's AOT training) has a JRE only: its java is the one to use.
  if [ "${OVERGANG_RUNTIME_ONLY:-}" = 1 ] && [ -x "${JAVA_HOME:-}/bin/java" ]; then
    export PATH="$JAVA_HOME/bin:$PATH"
    return 0
  fi
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

# Least privilege (README "Database roles"): creates, on the local server, the schema owner
# overgang_owner and the application role overgang_app (ordinary roles: no superuser, no role or
# database creation) if missing, and database $1 owned by overgang_owner. A database of that name
# owned by someone else (an earlier superuser-owned dev database) is recreated; $2=keep refuses.
# Exports DATASOURCES_DEFAULT_URL/_USERNAME/_PASSWORD (the server's role) and
# OVERGANG_DB_MIGRATION_USERNAME/_PASSWORD (Flyway's).
overgang_local_roles_database() {
  local db="$1" admin=(psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U "${PGUSER:-postgres}" -d postgres) owner
  "${admin[@]}" >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'overgang_owner') THEN
    CREATE ROLE overgang_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'overgang_app') THEN
    CREATE ROLE overgang_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
END \$\$;
SQL
  owner=$(psql -At -h 127.0.0.1 -U "${PGUSER:-postgres}" -d postgres -c \
    "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$db'")
  if [ -n "$owner" ] && [ "$owner" != overgang_owner ]; then
    if [ "${2:-}" = keep ]; then
      echo "Database $db is owned by $owner, not overgang_owner; recreate it or set DATASOURCES_DEFAULT_URL" >&2
      return 1
    fi
    echo "Recreating database $db, owned by overgang_owner (was $owner) ..." >&2
    "${admin[@]}" -c "DROP DATABASE \"$db\" WITH (FORCE)" >&2
    owner=
  fi
  [ -n "$owner" ] || "${admin[@]}" -c "CREATE DATABASE \"$db\" OWNER overgang_owner" >&2
  export DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:5432/$db"
  export DATASOURCES_DEFAULT_USERNAME=overgang_app DATASOURCES_DEFAULT_PASSWORD=
  export OVERGANG_DB_MIGRATION_USERNAME=overgang_owner OVERGANG_DB_MIGRATION_PASSWORD=
}

# JVM options for running the server (deploy/run-dev, bench/run): a small heap and the serial
# collector keep the resident set well under 300 MB on a 2-core machine; override with OVERGANG_JAVA_OPTS.
# glibc's per-thread malloc arenas, and freed native memory the C library keeps (JIT arenas), otherwise
# add tens of MB of resident memory under load: fewer arenas, and the JVM trims the C heap every 2 s.
overgang_java_opts() {
  echo "${OVERGANG_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx128m -Xss512k -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:TrimNativeHeapInterval=2000}"
}
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
