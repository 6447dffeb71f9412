package org.physicsofai.atlas.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;

/**
 * A synthetic knowledge graph of the Atlas's shape at a given scale, for the benchmarks.
 *
 * <p>Of every 1,000 entities: 20 sources, 20 phenomena, 10 observables, 5 models, 5 tasks, 5 datasets,
 * 30 experiments, 400 runs (about 13 per experiment), 350 observations and 155 claims. Runs belong to
 * an experiment and some exhibit a phenomenon; observations measure an observable on a run, some
 * indicate a phenomenon, and each supports or disputes a claim; claims are about a phenomenon, cite a
 * source, and a third explain, refine or qualify another claim. Targets are drawn with a skew (a few
 * popular phenomena, claims and sources, a long tail), as in a real knowledge graph. The graph is
 * valid against the Atlas's shapes, and the same seed gives the same graph.
 */
public final class SyntheticGraph {

    /** The kinds of entity, with how many of every 1,000 entities are of each. */
    public enum Kind {
        SOURCE("source", 20),
        PHENOMENON("phenomenon", 20),
        OBSERVABLE("observable", 10),
        MODEL("model", 5),
        TASK("task", 5),
        DATASET("dataset", 5),
        EXPERIMENT("experiment", 30),
        RUN("run", 400),
        OBSERVATION("observation", 350),
        CLAIM("claim", 155);

        final String slug;
        final int perMille;

        Kind(String slug, int perMille) {
            this.slug = slug;
            this.perMille = perMille;
        }
    }

    /** Where the synthetic entities live: {@code .../id/bench/<kind>/<n>}. */
    public static final String BASE = AtlasOntology.ID_BASE + "bench/";

    private static final String[] WORDS = {
        "loss",
        "plateau",
        "grokking",
        "double",
        "descent",
        "scaling",
        "width",
        "depth",
        "rank",
        "collapse",
        "spike",
        "edge",
        "stability",
        "curvature",
        "sharpness",
        "warmup",
        "decay",
        "momentum",
        "noise",
        "batch",
        "feature",
        "learning",
        "emergence",
        "memorization",
        "generalization",
        "lottery",
        "ticket",
        "neural",
        "tangent",
        "kernel",
        "mean",
        "field",
        "catapult",
        "phase",
        "transition",
        "entropy",
        "margin",
        "norm",
        "weight",
        "attention",
        "sink",
        "induction",
        "head",
        "superposition",
        "sparsity",
        "gradient",
        "signal"
    };

    private final int entities;
    private final long seed;
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);

    public SyntheticGraph(int entities, long seed) {
        if (entities < 1000) {
            throw new IllegalArgumentException("entities: at least 1000, got " + entities);
        }
        this.entities = entities;
        this.seed = seed;
        for (Kind kind : Kind.values()) {
            counts.put(kind, Math.max(1, (int) ((long) entities * kind.perMille / 1000)));
        }
    }

    public int entities() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(Kind kind) {
        return counts.get(kind);
    }

    public static String iri(Kind kind, int n) {
        return BASE + kind.slug + "/" + n;
    }

    /** Writes the graph as N-Triples and answers how many statements it wrote. */
    public long writeNTriples(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            StreamRDF writer = StreamRDFWriter.getWriterStream(out, Lang.NTRIPLES);
            writer.start();
            long written = write(writer);
            writer.finish();
            return written;
        }
    }

    /** Sends every statement to the sink (without start and finish) and answers how many. */
    public long write(StreamRDF sink) {
        Emitter out = new Emitter(sink);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count(Kind.SOURCE); i++) {
            Node s = node(Kind.SOURCE, i);
            out.type(s, Atlas.Source.getURI());
            out.add(s, DCTerms.title.getURI(), NodeFactory.createLiteralString("On " + words(random, 4)));
            out.add(
                    s,
                    Atlas.arxivId.getURI(),
                    NodeFactory.createLiteralString(
                            String.format("%04d.%05d", 1500 + random.nextInt(1000), random.nextInt(100000))));
            out.add(s, Atlas.authors.getURI(), NodeFactory.createLiteralString("A. Author, B. Author"));
        }
        for (int i = 0; i < count(Kind.PHENOMENON); i++) {
            Node s = node(Kind.PHENOMENON, i);
            out.type(s, Atlas.Phenomenon.getURI());
            out.labelled(s, words(random, 2) + " " + i, words(random, 14));
            out.link(s, Atlas.source, pick(random, Kind.SOURCE));
            if (i > 0 && random.nextInt(5) == 0) {
                out.add(s, Atlas.partOf.getURI(), node(Kind.PHENOMENON, random.nextInt(i)));
            }
        }
        for (int i = 0; i < count(Kind.OBSERVABLE); i++) {
            Node s = node(Kind.OBSERVABLE, i);
            out.type(s, Atlas.Observable.getURI());
            out.labelled(s, words(random, 2) + " metric " + i, words(random, 10));
            out.link(s, Atlas.tracks, pick(random, Kind.PHENOMENON));
            if (random.nextBoolean()) {
                out.link(s, Atlas.tracks, pick(random, Kind.PHENOMENON));
            }
        }
        for (Kind kind : new Kind[] {Kind.MODEL, Kind.TASK, Kind.DATASET}) {
            String type = switch (kind) {
                case MODEL -> Atlas.Model.getURI();
                case TASK -> Atlas.Task.getURI();
                default -> Atlas.Dataset.getURI();
            };
            for (int i = 0; i < count(kind); i++) {
                Node s = node(kind, i);
                out.type(s, type);
                out.add(
                        s,
                        SKOS.prefLabel.getURI(),
                        NodeFactory.createLiteralLang(kind.slug + " " + words(random, 2) + " " + i, "en"));
            }
        }
        for (int i = 0; i < count(Kind.EXPERIMENT); i++) {
            Node s = node(Kind.EXPERIMENT, i);
            out.type(s, Atlas.Experiment.getURI());
            out.labelled(s, "experiment on " + words(random, 2) + " " + i, words(random, 12));
            out.link(s, Atlas.source, pick(random, Kind.SOURCE));
            out.link(s, Atlas.onTask, pick(random, Kind.TASK));
            out.link(s, Atlas.usesModel, pick(random, Kind.MODEL));
            out.link(s, Atlas.usesDataset, pick(random, Kind.DATASET));
            out.link(s, Atlas.exhibits, pick(random, Kind.PHENOMENON));
        }
        int experiments = count(Kind.EXPERIMENT);
        for (int i = 0; i < count(Kind.RUN); i++) {
            Node s = node(Kind.RUN, i);
            out.type(s, Atlas.Run.getURI());
            out.add(
                    s,
                    SKOS.prefLabel.getURI(),
                    NodeFactory.createLiteralLang("run " + i + " seed " + random.nextInt(100), "en"));
            // Runs in blocks, so that every experiment has many runs.
            out.add(s, Atlas.partOf.getURI(), node(Kind.EXPERIMENT, (int) ((long) i * experiments / count(Kind.RUN))));
            out.add(s, Atlas.runStatus.getURI(), NodeFactory.createLiteralString("finished"));
            if (random.nextInt(10) == 0) {
                out.link(s, Atlas.exhibits, pick(random, Kind.PHENOMENON));
            }
        }
        for (int i = 0; i < count(Kind.OBSERVATION); i++) {
            Node s = node(Kind.OBSERVATION, i);
            out.type(s, Atlas.Observation.getURI());
            out.add(s, Atlas.run.getURI(), node(Kind.RUN, random.nextInt(count(Kind.RUN))));
            out.link(s, Atlas.observable, pick(random, Kind.OBSERVABLE));
            out.add(
                    s,
                    Atlas.value.getURI(),
                    NodeFactory.createLiteralDT(
                            Double.toString(Math.round(random.nextDouble() * 1e6) / 1e6), XSDDatatype.XSDdouble));
            out.add(
                    s,
                    Atlas.step.getURI(),
                    NodeFactory.createLiteralDT(Integer.toString(random.nextInt(100_000)), XSDDatatype.XSDinteger));
            if (random.nextInt(10) < 3) {
                out.link(s, Atlas.indicates, pick(random, Kind.PHENOMENON));
            }
            out.link(s, random.nextInt(10) < 7 ? Atlas.supports : Atlas.disputes, pick(random, Kind.CLAIM));
        }
        String[] certainty = {
            Atlas.established.getURI(), Atlas.probable.getURI(), Atlas.tentative.getURI(), Atlas.speculative.getURI()
        };
        org.apache.jena.rdf.model.Property[] stances = {Atlas.explains, Atlas.refines, Atlas.qualifies};
        for (int i = 0; i < count(Kind.CLAIM); i++) {
            Node s = node(Kind.CLAIM, i);
            out.type(s, Atlas.Claim.getURI());
            out.add(
                    s,
                    Atlas.statement.getURI(),
                    NodeFactory.createLiteralLang("Claim " + i + ": " + words(random, 10), "en"));
            out.add(s, Atlas.certainty.getURI(), NodeFactory.createURI(certainty[random.nextInt(certainty.length)]));
            out.link(s, Atlas.about, pick(random, Kind.PHENOMENON));
            out.link(s, Atlas.source, pick(random, Kind.SOURCE));
            if (i > 0 && random.nextInt(3) == 0) {
                out.add(s, stances[random.nextInt(stances.length)].getURI(), node(Kind.CLAIM, skewed(random, i)));
            }
        }
        return out.written;
    }

    private Node pick(SplittableRandom random, Kind kind) {
        return node(kind, skewed(random, count(kind)));
    }

    /** A number below n, small ones much more often (a hub-and-tail degree distribution). */
    private static int skewed(SplittableRandom random, int n) {
        double u = random.nextDouble();
        return Math.min(n - 1, (int) (n * u * u * u));
    }

    private static Node node(Kind kind, int n) {
        return NodeFactory.createURI(iri(kind, n));
    }

    private static String words(SplittableRandom random, int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[skewed(random, WORDS.length)]);
        }
        return text.toString();
    }

    private static final class Emitter {
        private final StreamRDF sink;
        private long written;

        Emitter(StreamRDF sink) {
            this.sink = sink;
        }

        void add(Node s, String p, Node o) {
            sink.triple(Triple.create(s, NodeFactory.createURI(p), o));
            written++;
        }

        void type(Node s, String type) {
            add(s, RDF.type.getURI(), NodeFactory.createURI(type));
        }

        void link(Node s, org.apache.jena.rdf.model.Property p, Node o) {
            add(s, p.getURI(), o);
        }

        void labelled(Node s, String label, String definition) {
            add(s, SKOS.prefLabel.getURI(), NodeFactory.createLiteralLang(label, "en"));
            add(s, SKOS.definition.getURI(), NodeFactory.createLiteralLang(definition, "en"));
        }
    }
}
