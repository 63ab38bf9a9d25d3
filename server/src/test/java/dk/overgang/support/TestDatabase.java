package dk.overgang.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The real PostgreSQL every test talks to, chosen once per test run: DATASOURCES_DEFAULT_URL from
 * the environment if set; else a Testcontainers PostgreSQL if a Docker engine answers; else the
 * local server at 127.0.0.1:5432, in a database {@code overgang_test} dropped and created afresh.
 */
public final class TestDatabase {

    private static Map<String, String> properties;

    private TestDatabase() {
    }

    public static synchronized Map<String, String> properties() {
        if (properties == null) {
            properties = resolve();
        }
        return properties;
    }

    /** A plain JDBC connection to the test database, for assertions on what is stored. */
    public static Connection connect() throws SQLException {
        Map<String, String> p = properties();
        return DriverManager.getConnection(p.get("datasources.default.url"), p.get("datasources.default.username"),
                p.get("datasources.default.password"));
    }

    private static Map<String, String> resolve() {
        String url = System.getenv("DATASOURCES_DEFAULT_URL");
        if (url != null && !url.isBlank()) {
            return props(url, env("DATASOURCES_DEFAULT_USERNAME", "postgres"), env("DATASOURCES_DEFAULT_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            var container = new PostgreSQLContainer<>("postgres:15-alpine");
            container.start();
            return props(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        String admin = "jdbc:postgresql://127.0.0.1:5432/postgres";
        try (Connection c = DriverManager.getConnection(admin, "postgres", "");
             var st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS overgang_test WITH (FORCE)");
            st.execute("CREATE DATABASE overgang_test");
        } catch (SQLException e) {
            throw new IllegalStateException("No test database: set DATASOURCES_DEFAULT_URL, start a Docker engine, "
                    + "or run PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth)", e);
        }
        return props("jdbc:postgresql://127.0.0.1:5432/overgang_test", "postgres", "");
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
        return Map.of("datasources.default.url", url, "datasources.default.username", user,
                "datasources.default.password", password);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
