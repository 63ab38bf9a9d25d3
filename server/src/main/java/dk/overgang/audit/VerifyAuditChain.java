package dk.overgang.audit;

import io.micronaut.context.ApplicationContext;

/**
 * Operator command: {@code java -cp overgang-server.jar dk.overgang.audit.VerifyAuditChain} with the
 * server's database variables. Seals what has settled, then verifies the whole chain; prints the
 * verdict and the chain head (keep it elsewhere to detect a rewritten chain later). Exit code 0 when
 * intact, 1 when broken.
 */
public final class VerifyAuditChain {

    private VerifyAuditChain() {
    }

    public static void main(String[] args) {
        int status;
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(java.util.Map.of("overgang.audit.sealer.enabled", "false")).start()) {
            AuditChain chain = context.getBean(AuditChain.class);
            chain.seal();
            AuditChain.Verdict v = chain.verify();
            System.out.printf("%s: %d audit records sealed and verified, %d in months retired by retention, %d not yet"
                            + " sealed (settling); chain head %s%n",
                    v.intact() ? "INTACT" : "BROKEN: " + v.finding(), v.sealed(), v.retired(), v.unsealed(), v.headHash());
            status = v.intact() ? 0 : 1;
        }
        System.exit(status);
    }
}
