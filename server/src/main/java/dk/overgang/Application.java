package dk.overgang;

import io.micronaut.runtime.Micronaut;

/** Starts the Overgang server. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
