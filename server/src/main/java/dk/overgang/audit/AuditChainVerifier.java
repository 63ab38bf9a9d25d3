package dk.overgang.audit;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;

/**
 * Checks the audit log's hash chain (V9): every record's hash covers its content and its
 * predecessor's hash, and the sequence has no gap. Finds a record changed, inserted or removed in
 * the middle behind the API's back. The content definition lives once, in the database function
 * {@code audit_event_content}, so the check can never drift from what was hashed.
 */
@Singleton
@Connectable
public class AuditChainVerifier {

    private final JdbcOperations jdbc;

    AuditChainVerifier(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The outcome: how many records were checked, and the first broken one (chain_seq), if any. */
    public record Result(long checked, Long firstBrokenSeq, String problem) {

        public boolean intact() {
            return firstBrokenSeq == null;
        }
    }

    public Result verify() {
        return jdbc.prepareStatement("""
                SELECT chain_seq,
                       hash = sha256(coalesce(prev_hash, ''::bytea) || audit_event_content(e)),
                       prev_hash IS NOT DISTINCT FROM lag(hash) OVER w,
                       chain_seq = coalesce(lag(chain_seq) OVER w, 0) + 1
                  FROM audit_event e
                WINDOW w AS (ORDER BY chain_seq)
                 ORDER BY chain_seq""", ps -> {
            ps.setFetchSize(10_000);
            long checked = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checked++;
                    long seq = rs.getLong(1);
                    if (!rs.getBoolean(4)) {
                        return new Result(checked, seq, "a record before this one is missing");
                    }
                    if (!rs.getBoolean(3)) {
                        return new Result(checked, seq, "it does not follow the record before it");
                    }
                    if (!rs.getBoolean(2)) {
                        return new Result(checked, seq, "its content was changed after it was written");
                    }
                }
            }
            return new Result(checked, null, null);
        });
    }
}
