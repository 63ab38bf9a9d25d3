package dk.overgang;

import io.micronaut.runtime.Micronaut;
import java.util.HashMap;
import java.util.Map;

/** Starts the Overgang server. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        RequiredSettings.check(System.getenv(), properties);
        Micronaut.build(args).banner(false).start();
    }
}
