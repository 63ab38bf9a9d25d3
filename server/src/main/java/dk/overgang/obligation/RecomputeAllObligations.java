package dk.overgang.obligation;

import io.micronaut.context.ApplicationContext;

/**
 * Operator command: {@code java -cp overgang-server.jar dk.overgang.obligation.RecomputeAllObligations}
 * with the server's database variables. Prints how many obligations it stored and how long it took.
 */
public final class RecomputeAllObligations {

    private RecomputeAllObligations() {
    }

    public static void main(String[] args) throws Exception {
        try (ApplicationContext context = ApplicationContext.run()) {
            long start = System.nanoTime();
            long rows = context.getBean(ObligationRecompute.class).recomputeAll();
            System.out.printf("Recomputed %d obligations in %d ms%n", rows, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
