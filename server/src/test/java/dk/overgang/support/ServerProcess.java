package dk.overgang.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another Overgang server in a JVM of its own, on the same test database: what a second replica behind
 * a load balancer is. Started from the test's own class path with the test settings, it can be stopped
 * cleanly or killed as a crashing machine would be ({@code SIGKILL}: no shutdown hook, no cleanup).
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern RUNNING = Pattern.compile("Server Running: (http://\\S+)");

    private final Process process;
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<String> output = new ArrayList<>();
    private volatile URI uri;

    private ServerProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher m = RUNNING.matcher(line);
                    if (m.find()) {
                        uri = URI.create(m.group(1));
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // the process went away; its output ends here
            }
        });
    }

    /** Starts a server with the test database and {@code settings} (system properties) and waits until it serves. */
    public static ServerProcess start(Map<String, String> settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-XX:+UseSerialGC", "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), "-Dmicronaut.environments=test", "-Dmicronaut.server.port=-1"));
        String devKeys = System.getProperty("overgang.devKeyDir");
        if (devKeys != null) {
            command.add("-Dovergang.devKeyDir=" + devKeys);
        }
        TestDatabase.properties().forEach((k, v) -> command.add("-D" + k + "=" + v));
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("dk.overgang.Application");
        ServerProcess server = new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        if (!server.started.await(60, TimeUnit.SECONDS)) {
            server.process.destroyForcibly();
            throw new IllegalStateException("The second server did not start within 60 s:\n" + server.output());
        }
        return server;
    }

    public URI uri() {
        return uri;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process as a power cut would: SIGKILL, nothing runs after it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: a graceful stop
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
