package org.physicsofai.atlas.importers;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.physicsofai.atlas.store.AgentRef;

/**
 * One import: what to read and how to map it.
 *
 * @param sources folders, files or zip archives, each with the name reports give it
 * @param format the format to read, or {@code null} to detect it
 * @param experiment the experiment to group every run in, or {@code null} for the one each log names
 *     (the MLflow experiment; otherwise the imported folder or file)
 * @param mapping which observable each metric measures
 * @param agent who imports
 * @param acceptNow store the contribution as accepted knowledge, rather than pending review
 * @param experimentIri an experiment the Atlas already holds to put every run in, or {@code null}; it
 *     takes precedence over {@code experiment}
 * @param pathTemplate what the names of the run folders say about their configuration, or {@code null}
 */
public record ImportRequest(
        List<Source> sources,
        ImportFormat format,
        String experiment,
        ObservableMapping mapping,
        AgentRef agent,
        boolean acceptNow,
        String experimentIri,
        PathTemplate pathTemplate) {

    /** An import whose folder names say nothing the importer is told about. */
    public ImportRequest(
            List<Source> sources,
            ImportFormat format,
            String experiment,
            ObservableMapping mapping,
            AgentRef agent,
            boolean acceptNow,
            String experimentIri) {
        this(sources, format, experiment, mapping, agent, acceptNow, experimentIri, null);
    }

    /** An import into the experiments its logs name, or into one named {@code experiment}. */
    public ImportRequest(
            List<Source> sources,
            ImportFormat format,
            String experiment,
            ObservableMapping mapping,
            AgentRef agent,
            boolean acceptNow) {
        this(sources, format, experiment, mapping, agent, acceptNow, null, null);
    }

    public ImportRequest {
        sources = List.copyOf(sources);
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(agent, "agent");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("Nothing to import: give at least one folder, file or zip archive");
        }
        if (experiment != null && experiment.isBlank()) {
            experiment = null;
        }
        if (experimentIri != null && experimentIri.isBlank()) {
            experimentIri = null;
        }
        if (experimentIri != null && !experimentIri.startsWith("http://") && !experimentIri.startsWith("https://")) {
            throw new IllegalArgumentException(
                    "An existing experiment is given by its IRI, not '" + experimentIri + "'");
        }
    }

    /**
     * @param path where the data is on this machine
     * @param name its name in reports and provenance (a file name, never a full local path)
     */
    public record Source(Path path, String name) {
        public Source {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(name, "name");
        }

        public static Source of(Path path) {
            Path name = path.toAbsolutePath().normalize().getFileName();
            return new Source(path, name == null ? "import" : name.toString());
        }
    }
}
