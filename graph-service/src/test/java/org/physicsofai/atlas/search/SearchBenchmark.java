package org.physicsofai.atlas.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * Query latency of {@link LuceneSearchIndex} on a synthetic graph, against a bare Lucene {@link
 * IndexSearcher} running the same Lucene query on the same index in the same JVM, interleaved query
 * by query; and how long a newly accepted contribution takes to become searchable. Not a test: run it
 * with {@code ./mvnw -Pbench -pl graph-service -am verify -DskipTests} (see docs/benchmarks.md).
 */
public final class SearchBenchmark {

    private static final String[] TYPES = {
        "Phenomenon",
        "Observable",
        "Experiment",
        "Run",
        "Run",
        "Run",
        "Claim",
        "Claim",
        "Source",
        "Source",
        "Observation",
        "Observation",
        "Model",
        "Law"
    };
    private static final String SYLLABLES =
            "ka ri to mo na se lu vi pe do gra ne fo li tu sa be zo mi ra ku te lo ni ha pu ve di co";
    private static final String HAN =
            "顿悟神经坍缩双下降边缘稳定性训练损失测试准确率权重衰减学习表示相图记忆理解困惑模型数据规模定律" + "梯度噪声优化器初始化尺度泛化过拟合插值容量样本计算参数注意力层归一化残差嵌入频率稀疏谱曲率锐度平坦";

    private final Random random = new Random(20261129L);
    private volatile long storeCommitted;
    private volatile long indexUpdated;
    private final List<String> vocabulary = new ArrayList<>();

    private SearchBenchmark() {
        String[] s = SYLLABLES.split(" ");
        for (int i = 0; i < 4000; i++) {
            int n = 2 + i % 3;
            StringBuilder word = new StringBuilder();
            for (int j = 0; j < n; j++) {
                word.append(s[random.nextInt(s.length)]);
            }
            vocabulary.add(word.toString());
        }
    }

    static List<String> sampleQueries(int entities) {
        SearchBenchmark b = new SearchBenchmark();
        return b.queries(b.generate(entities));
    }

    public static void main(String[] args) throws Exception {
        int entities = Integer.parseInt(System.getProperty("bench.entities", "100000"));
        int rounds = Integer.parseInt(System.getProperty("bench.rounds", "5"));
        String reuse = System.getProperty("bench.dir", "");
        Path dir = reuse.isBlank() ? Files.createTempDirectory("atlas-search-bench") : Path.of(reuse);
        new SearchBenchmark().run(dir, entities, rounds);
    }

    /** A word drawn from a Zipf-like distribution: a few common words, a long tail of rare ones. */
    private String word() {
        double u = random.nextDouble();
        int index = (int) Math.min(vocabulary.size() - 1, Math.floor(Math.pow(vocabulary.size(), u)) - 1);
        return vocabulary.get(Math.max(0, index));
    }

    private String words(int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ").append(word());
        }
        return text.toString();
    }

    private String han(int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(HAN.charAt(random.nextInt(HAN.length())));
        }
        return text.toString();
    }

    private record Synthetic(Graph graph, List<String> labels, List<String> chinese, List<String> arxivIds) {}

    private Synthetic generate(int entities) {
        Graph graph = GraphFactory.createDefaultGraph();
        List<String> labels = new ArrayList<>();
        List<String> chinese = new ArrayList<>();
        List<String> arxiv = new ArrayList<>();
        Node prefLabel = SKOS.prefLabel.asNode();
        Node definition = SKOS.definition.asNode();
        for (int i = 0; i < entities; i++) {
            String type = TYPES[i % TYPES.length];
            Node node =
                    NodeFactory.createURI(AtlasOntology.ID_BASE + "bench/" + type.toLowerCase(Locale.ROOT) + "-" + i);
            graph.add(node, RDF.type.asNode(), NodeFactory.createURI(Atlas.NS + type));
            String label = words(2 + random.nextInt(3));
            labels.add(label);
            Node labelPredicate = type.equals("Source") ? DCTerms.title.asNode() : prefLabel;
            graph.add(node, labelPredicate, NodeFactory.createLiteralLang(label, "en"));
            if (random.nextInt(10) < 3) {
                String zh = han(2 + random.nextInt(4));
                chinese.add(zh);
                graph.add(node, prefLabel, NodeFactory.createLiteralLang(zh, "zh"));
            }
            if (random.nextInt(10) == 0) {
                graph.add(node, SKOS.altLabel.asNode(), NodeFactory.createLiteralLang(words(2), "en"));
            }
            graph.add(node, definition, NodeFactory.createLiteralLang(words(12 + random.nextInt(14)) + ".", "en"));
            if (type.equals("Source")) {
                String id = String.format(Locale.ROOT, "%02d%02d.%05d", 15 + i % 11, 1 + i % 12, i % 100_000);
                arxiv.add(id);
                graph.add(node, Atlas.arxivId.asNode(), NodeFactory.createLiteralString(id));
            }
            // Links give a long-tailed connectedness: most nodes point to one of the first few hundred.
            int links = 1 + random.nextInt(3);
            for (int l = 0; l < links && i > 0; l++) {
                int target = (int) Math.floor(Math.pow(i, random.nextDouble()));
                String targetType = TYPES[target % TYPES.length];
                graph.add(
                        node,
                        Atlas.source.asNode(),
                        NodeFactory.createURI(
                                AtlasOntology.ID_BASE + "bench/" + targetType.toLowerCase(Locale.ROOT) + "-" + target));
            }
        }
        return new Synthetic(graph, labels, chinese, arxiv);
    }

    private List<String> queries(Synthetic data) {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            queries.add(data.labels().get(random.nextInt(data.labels().size())));
        }
        for (int i = 0; i < 40; i++) {
            queries.add(word());
        }
        for (int i = 0; i < 30; i++) {
            queries.add(words(2));
        }
        for (int i = 0; i < 30; i++) {
            String w = word();
            int at = 1 + random.nextInt(w.length() - 1);
            queries.add(w.substring(0, at) + w.substring(at + 1) + " " + word());
        }
        for (int i = 0; i < 30; i++) {
            String w = word();
            queries.add(w.substring(0, Math.min(w.length(), 3 + random.nextInt(3))));
        }
        for (int i = 0; i < 15; i++) {
            String zh = data.chinese().get(random.nextInt(data.chinese().size()));
            queries.add(zh.substring(0, Math.min(zh.length(), 2 + random.nextInt(2))));
        }
        for (int i = 0; i < 15; i++) {
            queries.add(data.arxivIds().get(random.nextInt(data.arxivIds().size())));
        }
        return queries;
    }

    private void run(Path dir, int entities, int rounds) throws Exception {
        System.out.printf("Synthetic graph: %,d entities%n", entities);
        Synthetic data = generate(entities);
        System.out.printf("  %,d statements%n", data.graph().size());
        try (KnowledgeStore store = new Tdb2KnowledgeStore(dir.resolve("tdb2"), AtlasOntology.ID_BASE)) {
            long t0 = System.nanoTime();
            if (store.contributions(org.physicsofai.atlas.store.ContributionFilter.recent(1))
                    .isEmpty()) {
                store.submit(contribution(data.graph()));
                System.out.printf("  stored in TDB2 in %.1f s%n", seconds(t0));
            } else {
                System.out.println("  reusing the store and index in " + dir);
            }
            long t1 = System.nanoTime();
            store.addListener(change -> storeCommitted = System.nanoTime());
            try (LuceneSearchIndex index = new LuceneSearchIndex(dir.resolve("lucene"), store)) {
                System.out.printf("  indexed (%,d documents) in %.1f s%n", index.size(), seconds(t1));
                store.addListener(change -> indexUpdated = System.nanoTime());
                latency(dir, index, queries(data), rounds);
                freshness(store, index);
            }
        }
    }

    private void latency(Path dir, LuceneSearchIndex index, List<String> queries, int rounds) throws IOException {
        QueryPlanner planner = new QueryPlanner(SearchAnalyzers.perField());
        List<Query> lucene = queries.stream()
                .map(q -> QueryPlanner.withConnectedness(planner.relevance(q)))
                .toList();
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir.resolve("lucene")))) {
            IndexSearcher bare = new IndexSearcher(reader);
            List<Long> ours = new ArrayList<>();
            List<Long> planned = new ArrayList<>();
            List<Long> prebuilt = new ArrayList<>();
            List<Long> suggest = new ArrayList<>();
            List<Long> suggestPlanned = new ArrayList<>();
            for (int round = -2; round < rounds; round++) {
                for (int i = 0; i < queries.size(); i++) {
                    String q = queries.get(i);
                    Query same = lucene.get(i);
                    // The three ways run in an order that rotates from query to query.
                    long[] t = new long[3];
                    for (int k = 0; k < 3; k++) {
                        switch ((i + round + k) % 3) {
                            case 0 -> t[0] = time(() -> index.search(new SearchQuery(q, null, 10, 0, "en")));
                            case 1 ->
                                t[1] = time(
                                        () -> bareSearch(bare, QueryPlanner.withConnectedness(planner.relevance(q))));
                            default -> t[2] = time(() -> bareSearch(bare, same));
                        }
                    }
                    long c = time(() -> index.suggest(q, "en", 8));
                    long d = time(() -> bareSearch(bare, planner.suggestions(q)));
                    if (round >= 0) {
                        ours.add(t[0]);
                        planned.add(t[1]);
                        prebuilt.add(t[2]);
                        suggest.add(c);
                        suggestPlanned.add(d);
                    }
                }
            }
            System.out.printf(
                    "%nQuery latency, %d queries x %d rounds (after 2 warm-up rounds), milliseconds:%n",
                    queries.size(), rounds);
            System.out.println("| operation | p50 | p95 | p99 | mean | p95 ratio to bare Lucene |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            row("bare IndexSearcher: query built from the text by the same planner, top 10 + IRIs", planned, planned);
            row("bare IndexSearcher: the same query built beforehand, top 10 + IRIs", prebuilt, planned);
            row("SearchIndex.search: total, facets, snippets, labels", ours, planned);
            row(
                    "bare IndexSearcher: completion query built from the text, top 8 + IRIs",
                    suggestPlanned,
                    suggestPlanned);
            row("SearchIndex.suggest", suggest, suggestPlanned);
            System.out.printf(
                    Locale.ROOT,
                    "%nSearchIndex.search p95 / bare with a prebuilt query p95: %.2f%n",
                    (double) percentile(sorted(ours), 95) / percentile(sorted(prebuilt), 95));
        }
    }

    private static long[] sorted(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static Object bareSearch(IndexSearcher searcher, Query query) {
        try {
            TopDocs top = searcher.search(query, 10);
            List<String> iris = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc doc : top.scoreDocs) {
                iris.add(stored.document(doc.doc, java.util.Set.of(SearchFields.IRI))
                        .get(SearchFields.IRI));
            }
            return iris;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void freshness(KnowledgeStore store, LuceneSearchIndex index) {
        List<Long> visible = new ArrayList<>();
        List<Long> storing = new ArrayList<>();
        List<Long> indexing = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String word = "fresh" + System.nanoTime() + "w" + i;
            Graph graph = GraphFactory.createDefaultGraph();
            Node node = NodeFactory.createURI(AtlasOntology.ID_BASE + "bench/fresh-" + i);
            graph.add(node, RDF.type.asNode(), Atlas.Phenomenon.asNode());
            graph.add(node, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang(word + " effect", "en"));
            long start = System.nanoTime();
            store.submit(contribution(graph));
            while (index.search(SearchQuery.of(word)).total() == 0) {
                Thread.onSpinWait();
            }
            visible.add(System.nanoTime() - start);
            storing.add(storeCommitted - start);
            indexing.add(indexUpdated - storeCommitted);
        }
        System.out.printf("%nNew data searchable (accept a contribution, then search until found), 20 times:%n");
        System.out.println("| operation | p50 | p95 | p99 | mean | |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        row("the store's write transaction (submit, accept)", storing, null);
        row("indexing the change (listener: read from the store, update, refresh)", indexing, null);
        row("submit + accept + index + first successful search", visible, null);
    }

    private static NewContribution contribution(Graph graph) {
        return new NewContribution(
                graph, ContributionMethod.IMPORT, AgentRef.CURATORS, null, null, null, List.of(), true);
    }

    private static long time(Supplier<Object> work) {
        long start = System.nanoTime();
        Object result = work.get();
        long elapsed = System.nanoTime() - start;
        if (result == null) {
            throw new IllegalStateException("no result");
        }
        return elapsed;
    }

    private static void row(String name, List<Long> nanos, List<Long> baseline) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        String ratio = "";
        if (baseline != null) {
            long[] base = baseline.stream().mapToLong(Long::longValue).sorted().toArray();
            ratio = String.format(Locale.ROOT, "%.2f", (double) percentile(sorted, 95) / percentile(base, 95));
        }
        System.out.printf(
                Locale.ROOT,
                "| %s | %.2f | %.2f | %.2f | %.2f | %s |%n",
                name,
                percentile(sorted, 50) / 1e6,
                percentile(sorted, 95) / 1e6,
                percentile(sorted, 99) / 1e6,
                Arrays.stream(sorted).average().orElse(0) / 1e6,
                ratio);
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
