package org.physicsofai.atlas.web.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.ImportPreview;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.ImportRequest;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.importers.ObservableMapping;
import org.physicsofai.atlas.importers.PathTemplate;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.web.AtlasProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The import page's uploads: each is kept in a folder under {@code {data-dir}/imports/uploads} from
 * its preview until its import ends (or until it expires unused), and its import runs in the
 * background, one at a time, reporting its progress. Uploads are visible to their owner only.
 */
@Component
public class ImportUploads implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ImportUploads.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where an upload's import is. */
    public enum State {
        /** Previewed, not imported yet. */
        PREVIEW,
        /** Waiting for an earlier import to end. */
        QUEUED,
        RUNNING,
        /** Ended with a report (which may say nothing was imported). */
        DONE,
        /** Ended with an error. */
        FAILED
    }

    /** One upload, from its preview to its report. */
    public static final class Upload {
        private final String id;
        private final String owner;
        private final Path folder;
        private final List<ImportRequest.Source> sources;
        private final ImportFormat format;
        private final String experimentName;
        private final String experimentIri;
        private final boolean pending;
        private final PathTemplate pathTemplate;
        private final Instant created;
        private volatile Map<String, String> mapping = Map.of();
        private volatile ImportPreview preview;
        private volatile State state = State.PREVIEW;
        private volatile String phase = "";
        private volatile double fraction;
        private volatile ImportReport report;
        private volatile String error;

        Upload(
                String id,
                String owner,
                Path folder,
                List<ImportRequest.Source> sources,
                ImportFormat format,
                String experimentName,
                String experimentIri,
                boolean pending,
                PathTemplate pathTemplate,
                Instant created) {
            this.id = id;
            this.pathTemplate = pathTemplate;
            this.owner = owner;
            this.folder = folder;
            this.sources = List.copyOf(sources);
            this.format = format;
            this.experimentName = experimentName;
            this.experimentIri = experimentIri;
            this.pending = pending;
            this.created = created;
        }

        public String id() {
            return id;
        }

        public String owner() {
            return owner;
        }

        public List<String> sourceNames() {
            return sources.stream().map(ImportRequest.Source::name).toList();
        }

        public ImportFormat format() {
            return format;
        }

        public String experimentName() {
            return experimentName;
        }

        public String experimentIri() {
            return experimentIri;
        }

        public boolean pending() {
            return pending;
        }

        /** What the run folders' names say, or {@code null}. */
        public PathTemplate pathTemplate() {
            return pathTemplate;
        }

        public Map<String, String> mapping() {
            return mapping;
        }

        public ImportPreview preview() {
            return preview;
        }

        public State state() {
            return state;
        }

        public String phase() {
            return phase;
        }

        /** How far the import has come, from 0 to 1. */
        public double fraction() {
            return fraction;
        }

        public ImportReport report() {
            return report;
        }

        public String error() {
            return error;
        }

        ImportRequest request(AgentRef agent, boolean acceptNow, Map<String, String> mapping) {
            return new ImportRequest(
                    sources,
                    format,
                    experimentName,
                    new ObservableMapping(mapping),
                    agent,
                    acceptNow,
                    experimentIri,
                    pathTemplate);
        }
    }

    private final Importer importer;
    private final Path root;
    private final Duration expiry;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("atlas-import-page").daemon().factory());
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("atlas-import-sweeper").daemon().factory());

    ImportUploads(Importer importer, AtlasProperties properties) throws IOException {
        this.importer = importer;
        this.root = properties.dataDir().resolve("imports").resolve("uploads");
        this.expiry = properties.imports().uploadExpiry();
        // Uploads do not outlive the application that previewed them.
        UploadFiles.delete(root);
        Files.createDirectories(root);
        long every = Math.max(1, Math.min(expiry.toSeconds(), 600));
        sweeper.scheduleWithFixedDelay(this::expire, every, every, TimeUnit.SECONDS);
    }

    /**
     * Keeps an upload and previews its import with the built-in mapping. An upload whose files cannot
     * be imported is kept only for its preview: its files are removed at once.
     *
     * @throws IllegalArgumentException if a part's name is not a relative path or two parts share one
     */
    public Upload create(
            String owner,
            List<UploadFiles.Part> parts,
            ImportFormat format,
            String experimentName,
            String experimentIri,
            boolean pending,
            PathTemplate pathTemplate,
            AgentRef agent)
            throws IOException {
        expire();
        String id = HexFormat.of().formatHex(bytes());
        Path folder = root.resolve(id);
        Files.createDirectories(folder);
        try {
            List<ImportRequest.Source> sources = UploadFiles.save(parts, folder.resolve("files"));
            Upload upload = new Upload(
                    id,
                    owner,
                    folder,
                    sources,
                    format,
                    experimentName,
                    experimentIri,
                    pending,
                    pathTemplate,
                    clock.instant());
            preview(upload, Map.of(), agent);
            if (!upload.preview.importable() && !upload.preview.problems().isEmpty()) {
                // Files with problems are never imported: only their preview is kept.
                UploadFiles.delete(folder);
            }
            uploads.put(id, upload);
            return upload;
        } catch (IOException | RuntimeException e) {
            UploadFiles.delete(folder);
            throw e;
        }
    }

    private static byte[] bytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Previews the upload's import again with another mapping. */
    public void preview(Upload upload, Map<String, String> mapping, AgentRef agent) throws IOException {
        if (upload.state != State.PREVIEW) {
            throw new IllegalStateException("This upload has been imported already.");
        }
        if (!Files.isDirectory(upload.folder)) {
            throw new IllegalStateException("The files of this upload are no longer kept: upload them again.");
        }
        Map<String, String> copy = new LinkedHashMap<>(mapping);
        ImportPreview preview = importer.preview(upload.request(agent, false, copy));
        upload.mapping = Map.copyOf(copy);
        upload.preview = preview;
    }

    /** The owner's upload with this id, if it has not expired. */
    public Optional<Upload> find(String id, String owner) {
        Upload upload = uploads.get(id);
        return upload != null && upload.owner.equals(owner) ? Optional.of(upload) : Optional.empty();
    }

    /**
     * Starts the import of a previewed upload in the background.
     *
     * @throws IllegalStateException if it was started before or its preview found problems
     */
    public synchronized void start(Upload upload, AgentRef agent, boolean acceptNow) {
        if (upload.state != State.PREVIEW) {
            throw new IllegalStateException("This upload has been imported already.");
        }
        if (upload.preview == null || !upload.preview.importable()) {
            throw new IllegalStateException("This upload cannot be imported: its preview found problems.");
        }
        ImportRequest request = upload.request(agent, acceptNow, upload.mapping);
        upload.state = State.QUEUED;
        upload.phase = "queued";
        worker.execute(() -> run(upload, request));
    }

    private void run(Upload upload, ImportRequest request) {
        upload.state = State.RUNNING;
        try {
            upload.report = importer.run(request, (phase, done, total) -> {
                upload.phase = phase;
                double within = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
                double start;
                double width;
                if (phase.startsWith("reading")) {
                    start = 0.0;
                    width = 0.3;
                } else if (phase.startsWith("storing points")) {
                    start = 0.3;
                    width = 0.6;
                } else {
                    start = 0.9;
                    width = 0.1;
                }
                upload.fraction = Math.max(upload.fraction, start + width * within);
            });
            upload.fraction = 1.0;
            upload.state = State.DONE;
        } catch (IOException | RuntimeException e) {
            LOG.warn("The import of upload {} failed", upload.id, e);
            upload.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            upload.state = State.FAILED;
        } finally {
            try {
                UploadFiles.delete(upload.folder);
            } catch (IOException e) {
                LOG.warn("Cannot remove the files of upload {}", upload.id, e);
            }
        }
    }

    /** Forgets uploads older than the expiry that are not being imported, and removes their files. */
    void expire() {
        Instant limit = clock.instant().minus(expiry);
        for (Upload upload : List.copyOf(uploads.values())) {
            boolean busy = upload.state == State.QUEUED || upload.state == State.RUNNING;
            if (!busy && upload.created.isBefore(limit)) {
                uploads.remove(upload.id);
                try {
                    UploadFiles.delete(upload.folder);
                } catch (IOException e) {
                    LOG.warn("Cannot remove the files of upload {}", upload.id, e);
                }
            }
        }
    }

    /** Whether the upload's files are still kept (tests check they are removed). */
    boolean filesKept(Upload upload) {
        return Files.exists(upload.folder);
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
        worker.shutdown();
    }
}
