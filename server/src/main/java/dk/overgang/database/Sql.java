package dk.overgang.database;

import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * Issue 26: the one way to run hand-written SQL, with named parameters ({@code :inmate}) and rows
 * mapped by column name (records through Jdbi's {@code ConstructorMapper}), beside the Micronaut Data
 * repositories. Jdbi works on the connection Micronaut Data holds for the current transaction (or
 * {@code @Connectable} scope), so a store's statements commit and roll back with the repositories'
 * and the pipeline's; Jdbi never begins, commits or closes anything itself.
 *
 * <p>Why Jdbi and not Micronaut Data {@code @Query}: these stores keep SQL built from shared fragments
 * (the visibility predicate, the consent check, the version history) bound by name once, arrays,
 * batches and COPY; Jdbi is the well-kept library for exactly that. The bridge below is ours because
 * neither project ships one for the other.
 *
 * <p>Failures come out as Micronaut's {@link DataAccessException} carrying only the driver's
 * {@link SQLException}: Jdbi's own messages quote the bound arguments (a CPR number), so they never
 * reach a log line or an answer (the web layer logs the SQL state only).
 */
@Singleton
public final class Sql {

    private final ConnectionOperations<Connection> connections;
    private final Jdbi jdbi;
    /** A connection a bulk job manages itself, lent for {@link #on}; null otherwise. */
    private final ThreadLocal<Connection> lent = new ThreadLocal<>();

    Sql(ConnectionOperations<Connection> connections) {
        this.connections = connections;
        this.jdbi = Jdbi.create(new org.jdbi.v3.core.ConnectionFactory() {
            @Override
            public Connection openConnection() {
                Connection own = lent.get();
                return own != null ? own : connections.getConnectionStatus().getConnection(); // the one run() bound
            }

            @Override
            public void closeConnection(Connection connection) {
                // Micronaut Data owns the connection: it returns it to the pool when its scope ends
            }
        });
        jdbi.installPlugin((JdbiPlugin) new PostgresPlugin());
        jdbi.getConfig(Handles.class).setForceEndTransactions(false); // the transaction is Micronaut's
        // Arrays of days for the deadline scan's batched insert (unnest of date[]); the hot batches use array().
        jdbi.registerArrayType(java.time.LocalDate.class, "date", java.sql.Date::valueOf);
    }

    /**
     * Runs {@code work} with a handle on the current connection: the caller's transaction or
     * {@code @Connectable} scope, or a connection borrowed for this call when there is none.
     */
    public <R> R run(HandleCallback<R, RuntimeException> work) {
        return connections.execute(ConnectionDefinition.DEFAULT, status -> {
            try (Handle handle = jdbi.open()) {
                return work.withHandle(handle);
            } catch (JdbiException e) {
                throw withoutArguments(e);
            }
        });
    }

    /**
     * Runs {@code work} on a connection the caller took from the pool and manages itself (a bulk job
     * with its own transaction and a streaming cursor beside it); the caller commits and closes it.
     */
    public <R> R on(Connection connection, HandleCallback<R, RuntimeException> work) {
        Connection before = lent.get();
        lent.set(connection);
        try (Handle handle = jdbi.open()) {
            return work.withHandle(handle);
        } catch (JdbiException e) {
            throw withoutArguments(e);
        } finally {
            if (before == null) {
                lent.remove();
            } else {
                lent.set(before);
            }
        }
    }

    /** {@link #run} for work without a result. */
    public void use(java.util.function.Consumer<Handle> work) {
        run(handle -> {
            work.accept(handle);
            return null;
        });
    }

    /**
     * An SQL array of {@code sqlType} (e.g. {@code "text"}, {@code "uuid"}, {@code "timestamptz"}) to bind
     * by name, set straight on the statement. For the batched statements on hot paths (the group commit of
     * read audit records, delivery outcomes): Jdbi's own array binding resolves the element type through
     * its argument factories on every bind, which measured 150-200 us more per 12-array statement than
     * this (about 620 against 450 us a batch, commit included), on the writer every read waits for.
     */
    public static Argument array(String sqlType, Object[] values) {
        return (position, statement, ctx) -> statement.setArray(position, statement.getConnection().createArrayOf(sqlType, values));
    }

    private static DataAccessException withoutArguments(JdbiException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return new DataAccessException("SQL statement failed (state " + sql.getSQLState() + ")", sql);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        // No driver failure: Jdbi refused the statement itself (a mapping or binding mistake in our code).
        // Only the exception's class: even Jdbi's short messages quote the bound values (a record's toString).
        return new DataAccessException("SQL statement refused by Jdbi: " + e.getClass().getSimpleName());
    }
}
