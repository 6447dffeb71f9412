package org.physicsofai.atlas.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main class on the test classpath, its output read line by line, for tests that
 * kill a process at a point it announces.
 */
public record ChildJvm(Process process, BlockingQueue<String> lines, long markerTimeoutSeconds) {

    /**
     * Starts {@code main} with the arguments in a JVM of at most {@code maxHeap} (as {@code -Xmx} takes it).
     */
    public static ChildJvm start(String maxHeap, long markerTimeoutSeconds, Class<?> main, String... arguments)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx" + maxHeap,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new ChildJvm(process, lines, markerTimeoutSeconds);
    }

    /** Waits for the line that is the marker or starts with it and a space, and returns it. */
    public String await(String marker) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(markerTimeoutSeconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                if (line.equals(marker) || line.startsWith(marker + " ")) {
                    return line;
                }
                seen.add(line);
            } else if (!process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        process.destroyForcibly();
        throw new AssertionError("The child never printed " + marker + "; its output:\n" + String.join("\n", seen));
    }
}
