package dk.overgang.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The real PostgreSQL every test talks to, chosen once per test run: DATASOURCES_DEFAULT_URL from
 * the environment if set (with OVERGANG_DB_MIGRATION_USERNAME if the environment separates roles);
 * else a Testcontainers PostgreSQL if a Docker engine answers; else the local server at
 * 127.0.0.1:5432, in a database {@code overgang_test} dropped and created afresh.
 *
 * <p>In the last two cases the tests run as production should: the database is owned by an ordinary
 * role ({@value #OWNER}, no superuser) that Flyway migrates as, and the server works as a second
 * role ({@value #APP}) holding only what the grant callback gives it, so a missing privilege fails
 * the build instead of an operator's first day.
 */
public final class TestDatabase {

    public static final String OWNER = "overgang_test_owner";
    public static final String APP = "overgang_test_app";
    private static final String PASSWORD = "overgang-test-only";

    private static Map<String, String> properties;

    private TestDatabase() {
    }

    /**
     * The database settings, and a free port of its own for each server's management endpoints
     * (issue 27 §6), so servers started side by side (a second process, a second context) never
     * share one.
     */
    public static synchronized Map<String, String> properties() {
        if (properties == null) {
            properties = resolve();
        }
        Map<String, String> each = new HashMap<>(properties);
        each.put("endpoints.all.port", Integer.toString(freePort()));
        return each;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The management port the server of this test context listens on. */
    public static int managementPort(io.micronaut.context.ApplicationContext context) {
        return context.getRequiredProperty("endpoints.all.port", Integer.class);
    }

    /**
     * A plain JDBC connection as the schema owner (the migration role), for assertions on what is
     * stored and for setting up what no API call can.
     */
    public static Connection connect() throws SQLException {
        Map<String, String> p = properties();
        String owner = p.getOrDefault("overgang.db.migration.username", p.get("datasources.default.username"));
        String password = p.getOrDefault("overgang.db.migration.password", p.get("datasources.default.password"));
        return DriverManager.getConnection(p.get("datasources.default.url"), owner, password);
    }

    /** A plain JDBC connection as the server's application role. */
    public static Connection connectAsApplication() throws SQLException {
        Map<String, String> p = properties();
        return DriverManager.getConnection(p.get("datasources.default.url"), p.get("datasources.default.username"),
                p.get("datasources.default.password"));
    }

    /** Whether the server runs as a role other than the schema owner here (false when the environment gives one role). */
    public static boolean rolesSeparated() {
        Map<String, String> p = properties();
        String owner = p.get("overgang.db.migration.username");
        return owner != null && !owner.equals(p.get("datasources.default.username"));
    }

    private static Map<String, String> resolve() {
        String url = System.getenv("DATASOURCES_DEFAULT_URL");
        if (url != null && !url.isBlank()) {
            Map<String, String> p = props(url, env("DATASOURCES_DEFAULT_USERNAME", "postgres"),
                    env("DATASOURCES_DEFAULT_PASSWORD", ""));
            String owner = System.getenv("OVERGANG_DB_MIGRATION_USERNAME");
            if (owner != null && !owner.isBlank()) {
                p.put("overgang.db.migration.username", owner);
                p.put("overgang.db.migration.password", env("OVERGANG_DB_MIGRATION_PASSWORD", ""));
            }
            return Map.copyOf(p);
        }
        if (dockerAvailable()) {
            var container = new PostgreSQLContainer<>("postgres:15-alpine");
            container.start();
            try (Connection c = DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(),
                    container.getPassword()); Statement st = c.createStatement()) {
                createRoles(st);
                st.execute("ALTER DATABASE " + container.getDatabaseName() + " OWNER TO " + OWNER);
                st.execute("ALTER SCHEMA public OWNER TO " + OWNER);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not prepare the test roles in the container", e);
            }
            return separated(container.getJdbcUrl());
        }
        String admin = "jdbc:postgresql://127.0.0.1:5432/postgres";
        try (Connection c = DriverManager.getConnection(admin, "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS overgang_test WITH (FORCE)");
            createRoles(st);
            st.execute("CREATE DATABASE overgang_test OWNER " + OWNER);
        } catch (SQLException e) {
            throw new IllegalStateException("No test database: set DATASOURCES_DEFAULT_URL, start a Docker engine, "
                    + "or run PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth)", e);
        }
        return separated("jdbc:postgresql://127.0.0.1:5432/overgang_test");
    }

    /** The two roles of README "Database roles": ordinary, no superuser, no role or database creation. */
    private static void createRoles(Statement st) throws SQLException {
        for (String role : new String[] {OWNER, APP}) {
            st.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '%2$s';
                      END IF;
                    END $$""".formatted(role, PASSWORD));
        }
    }

    private static Map<String, String> separated(String url) {
        Map<String, String> p = props(url, APP, PASSWORD);
        p.put("overgang.db.migration.username", OWNER);
        p.put("overgang.db.migration.password", PASSWORD);
        return Map.copyOf(p);
    }

    private static boolean dockerAvailable() {
        // Only ask Testcontainers when an engine could be there; its probe is slow and noisy otherwise.
        boolean socket = Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null;
        try {
            return socket && DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Map<String, String> props(String url, String user, String password) {
        Map<String, String> p = new HashMap<>();
        p.put("datasources.default.url", url);
        p.put("datasources.default.username", user);
        p.put("datasources.default.password", password);
        return p;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
