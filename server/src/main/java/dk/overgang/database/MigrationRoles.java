package dk.overgang.database;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.regex.Pattern;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Least privilege: migrations run as the schema owner ({@code OVERGANG_DB_MIGRATION_USERNAME} /
 * {@code _PASSWORD}), the server's pool as the application role ({@code DATASOURCES_DEFAULT_USERNAME}),
 * which the {@code afterMigrate} callback grants exactly what the server does (no DDL, no UPDATE or
 * DELETE on append-only tables). Without a migration user, one role owns and runs everything, as
 * before. Micronaut Flyway migrates through the pool's data source; its customizer hook is the
 * documented way to point one datasource's migrations elsewhere, so nothing here is hand-rolled.
 */
@Singleton
@Named("default")
public class MigrationRoles implements FlywayConfigurationCustomizer {

    /** A role name pasted into the grant callback: plain identifiers only, so it cannot carry SQL. */
    private static final Pattern ROLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final String url;
    private final String applicationRole;
    private final String migrationUser;
    private final String migrationPassword;

    MigrationRoles(@Value("${datasources.default.url}") String url,
                   @Value("${datasources.default.username}") String applicationRole,
                   @Nullable @Value("${overgang.db.migration.username:}") String migrationUser,
                   @Nullable @Value("${overgang.db.migration.password:}") String migrationPassword) {
        this.url = url;
        this.applicationRole = applicationRole;
        this.migrationUser = migrationUser == null || migrationUser.isBlank() ? null : migrationUser;
        this.migrationPassword = migrationPassword == null ? "" : migrationPassword;
    }

    @Override
    public String getName() {
        return "default";
    }

    @Override
    public void customizeFluentConfiguration(FluentConfiguration configuration) {
        if (!ROLE.matcher(applicationRole).matches()) {
            throw new ConfigurationException("DATASOURCES_DEFAULT_USERNAME must be a plain PostgreSQL role name "
                    + "(letters, digits, underscore) so the migration can grant it its privileges");
        }
        configuration.placeholders(Map.of("application_role", applicationRole));
        if (migrationUser != null && !migrationUser.equals(applicationRole)) {
            configuration.dataSource(url, migrationUser, migrationPassword);
        }
    }
}
