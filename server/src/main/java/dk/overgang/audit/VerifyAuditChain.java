package dk.overgang.audit;

import io.micronaut.context.ApplicationContext;

/**
 * Operator command: {@code java -cp overgang-server.jar dk.overgang.audit.VerifyAuditChain} with the
 * server's database variables. Exits 0 when the audit log is intact, 1 (naming the first broken
 * record) when it is not.
 */
public final class VerifyAuditChain {

    private VerifyAuditChain() {
    }

    public static void main(String[] args) {
        AuditChainVerifier.Result result;
        try (ApplicationContext context = ApplicationContext.run()) {
            result = context.getBean(AuditChainVerifier.class).verify();
        }
        if (result.intact()) {
            System.out.printf("Audit log intact: %d records, hash chain unbroken%n", result.checked());
            return;
        }
        System.out.printf("Audit log BROKEN at record chain_seq=%d: %s%n", result.firstBrokenSeq(), result.problem());
        System.exit(1);
    }
}
