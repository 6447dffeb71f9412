package org.physicsofai.atlas.web.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;
import org.physicsofai.atlas.backup.Backup;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.stereotype.Component;

/** Writes the accepted knowledge, or with {@code --history} every graph, in a standard RDF format. */
@Component
class DumpCommand implements AtlasCommand {

    private static final Map<String, RDFFormat> FORMATS = Map.of(
            "nquads", RDFFormat.NQUADS_UTF8,
            "trig", RDFFormat.TRIG_BLOCKS,
            "ntriples", RDFFormat.NTRIPLES_UTF8,
            "turtle", RDFFormat.TURTLE_BLOCKS);

    private final KnowledgeStore store;
    private final SeriesStore series;
    private final AtlasProperties properties;

    DumpCommand(KnowledgeStore store, SeriesStore series, AtlasProperties properties) {
        this.store = store;
        this.series = series;
        this.properties = properties;
    }

    static final String NAME = "dump";

    @Override
    public String name() {
        return NAME;
    }

    static final String SUMMARY = "Write the accepted knowledge (or the whole history) as RDF";

    @Override
    public String summary() {
        return SUMMARY;
    }

    static final String USAGE =
            "dump [--format nquads|trig|ntriples|turtle] [--history] [--output FILE] | dump --backup FOLDER\n"
                    + "  --format   RDF format (default nquads); ntriples and turtle hold only the default graph\n"
                    + "  --history  include every contribution's named graph and the provenance graph\n"
                    + "  --output   write to FILE instead of standard output\n"
                    + "  --backup   write a backup to restore with 'restore FOLDER': every graph as TriG, every\n"
                    + "             point of every series and the accounts, into FOLDER (new or empty)";

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String format = "nquads";
        boolean history = false;
        Path output = null;
        if (!args.isEmpty() && args.get(0).equals("--backup")) {
            if (args.size() != 2) {
                throw new UsageException("--backup takes a folder and no other option.");
            }
            return backup(Path.of(args.get(1)), err);
        }
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--format" -> format = value(args, ++i, "--format");
                case "--history" -> history = true;
                case "--output" -> output = Path.of(value(args, ++i, "--output"));
                default -> throw new UsageException("Unknown option '" + args.get(i) + "'.");
            }
        }
        RDFFormat rdfFormat = FORMATS.get(format);
        if (rdfFormat == null) {
            throw new UsageException("Unknown format '" + format + "'.");
        }
        if (history && !quadFormat(rdfFormat)) {
            throw new UsageException("--history needs a format with named graphs: nquads or trig.");
        }
        try (OutputStream sink = output == null ? new NonClosing(out) : Files.newOutputStream(output);
                OutputStream buffered = new BufferedOutputStream(sink, 1 << 16)) {
            StreamRDF writer = new WithAtlasPrefixes(StreamRDFWriter.getWriterStream(buffered, rdfFormat));
            store.export(quadFormat(rdfFormat) ? writer : new DefaultGraphAsTriples(writer), history);
        }
        if (output != null) {
            err.println("Wrote " + output);
        }
        return 0;
    }

    private int backup(Path folder, PrintStream err) throws java.io.IOException {
        Backup.Manifest manifest = Backup.write(store, series, folder);
        Path accounts = properties.dataDir().resolve(RestoreCommand.ACCOUNTS);
        if (Files.isRegularFile(accounts)) {
            Files.copy(accounts, folder.resolve(RestoreCommand.ACCOUNTS));
        }
        err.println("Wrote a backup of " + manifest.quads() + " quads, " + manifest.series() + " series and "
                + manifest.points() + " points to " + folder);
        return 0;
    }

    private static boolean quadFormat(RDFFormat format) {
        return format.getLang().equals(RDFFormat.NQUADS.getLang())
                || format.getLang().equals(RDFFormat.TRIG.getLang());
    }

    /** Declares the Atlas prefixes first, so that Turtle and TriG output is readable. */
    private static final class WithAtlasPrefixes extends StreamRDFWrapper {
        WithAtlasPrefixes(StreamRDF writer) {
            super(writer);
        }

        @Override
        public void start() {
            super.start();
            AtlasOntology.prefixes().getNsPrefixMap().forEach(this::prefix);
        }
    }

    /** Feeds the default graph's quads to a writer of triples. */
    private static final class DefaultGraphAsTriples extends StreamRDFWrapper {
        DefaultGraphAsTriples(StreamRDF triples) {
            super(triples);
        }

        @Override
        public void quad(Quad quad) {
            if (quad.isDefaultGraph()) {
                triple(quad.asTriple());
            }
        }
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value.");
        }
        return args.get(index);
    }

    /** Standard output must stay open for the launcher after the dump is flushed. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
