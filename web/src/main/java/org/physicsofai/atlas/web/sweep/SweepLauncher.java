package org.physicsofai.atlas.web.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.sweep.SweepRunner;
import org.physicsofai.atlas.sweep.SweepSpec;
import org.physicsofai.atlas.sweep.SweepSpecException;
import org.physicsofai.atlas.sweep.SweepSpecParser;
import org.physicsofai.atlas.web.AtlasProperties;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs, in the server, sweeps from the templates the operator registered: the YAML files in
 * {@code {atlas.data-dir}/sweeps/templates/}. Only administrators may launch one (see the controller),
 * and only by a template's name: nothing written on the web reaches a command. One sweep runs at a time.
 */
@Component
public class SweepLauncher implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(SweepLauncher.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");

    private final KnowledgeStore store;
    private final ContributionService contributions;
    private final Importer importer;
    private final AtlasProperties properties;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sweep-launcher");
        t.setDaemon(true);
        return t;
    });
    private final List<String> launched = new CopyOnWriteArrayList<>();
    private final List<SweepRunner> runners = new CopyOnWriteArrayList<>();

    SweepLauncher(
            KnowledgeStore store, ContributionService contributions, Importer importer, AtlasProperties properties) {
        this.store = store;
        this.contributions = contributions;
        this.importer = importer;
        this.properties = properties;
    }

    Path sweeps() {
        return properties.dataDir().resolve("sweeps");
    }

    Path templateFolder() {
        return sweeps().resolve("templates");
    }

    /** The registered templates' names, sorted. */
    public List<String> templates() {
        if (!Files.isDirectory(templateFolder())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(templateFolder())) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .filter(n -> NAME.matcher(n).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts (or, if it was started before, resumes) the sweep of a registered template in the background.
     *
     * @return the sweep's id
     * @throws NotFoundException if no template has that name
     * @throws IllegalArgumentException if the template has a problem (the message names the field)
     */
    public String launch(String template, AgentRef agent) {
        if (!NAME.matcher(template).matches() || !templates().contains(template)) {
            throw new NotFoundException("There is no registered sweep template '" + template + "'.");
        }
        Path file = templateFolder().resolve(template + ".yaml");
        SweepSpec spec;
        try {
            spec = SweepSpecParser.parse(
                    Files.readString(file, StandardCharsets.UTF_8),
                    file.getFileName().toString(),
                    templateFolder());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SweepRunner runner = new SweepRunner(sweeps(), store, contributions, importer, properties.baseIri(), agent);
        boolean started = Files.exists(sweeps().resolve(spec.id()).resolve("journal.jsonl"));
        runners.add(runner);
        if (!launched.contains(spec.id())) {
            launched.add(spec.id());
        }
        PrintStream log = new PrintStream(new LogStream(spec.id()), true, StandardCharsets.UTF_8);
        executor.submit(() -> {
            try {
                if (started) {
                    runner.resume(spec.id(), spec, log);
                } else {
                    runner.run(spec, log);
                }
            } catch (SweepSpecException e) {
                LOG.warn("Sweep {} refused: {}", spec.id(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Sweep {} failed", spec.id(), e);
            } finally {
                runners.remove(runner);
            }
        });
        return spec.id();
    }

    /** The state of each sweep launched in this server, as {@code sweep status} prints it. */
    public List<String> launchedStatus() {
        List<String> states = new ArrayList<>();
        for (String id : launched) {
            try {
                states.add(SweepRunner.status(sweeps(), id));
            } catch (SweepSpecException | UncheckedIOException e) {
                states.add(id + ": " + e.getMessage());
            }
        }
        return states;
    }

    @Override
    public void destroy() {
        runners.forEach(SweepRunner::cancel);
        executor.shutdownNow();
    }

    /** Lines a sweep prints, to the log. */
    private static final class LogStream extends OutputStream {
        private final String id;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LogStream(String id) {
            this.id = id;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                LOG.info("sweep {}: {}", id, line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
