package org.physicsofai.atlas.web;

import java.time.Duration;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.contribution.SeedLoader;
import org.physicsofai.atlas.detect.CurveDetection;
import org.physicsofai.atlas.detect.DetectAfterImport;
import org.physicsofai.atlas.detect.DetectorOutputs;
import org.physicsofai.atlas.detect.GrokkingDetection;
import org.physicsofai.atlas.detect.GrokkingDetector;
import org.physicsofai.atlas.dispute.Contradictions;
import org.physicsofai.atlas.entity.EntityDescriber;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.importers.UploadLimits;
import org.physicsofai.atlas.law.KnowledgeAnalysis;
import org.physicsofai.atlas.law.LawCheckPlans;
import org.physicsofai.atlas.law.LawChecker;
import org.physicsofai.atlas.law.LawRechecker;
import org.physicsofai.atlas.search.LuceneSearchIndex;
import org.physicsofai.atlas.search.SearchIndex;
import org.physicsofai.atlas.series.DuckDbSeriesStore;
import org.physicsofai.atlas.series.SeriesService;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.sparql.SparqlLimits;
import org.physicsofai.atlas.sparql.SparqlService;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.physicsofai.atlas.store.remote.RemoteSparqlKnowledgeStore;
import org.physicsofai.atlas.trace.InStoreEvidenceTracer;
import org.physicsofai.atlas.trace.NodeLabels;
import org.physicsofai.atlas.web.imports.ImportTemporaryFolder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the graph-service library into the application. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StoreConfiguration.class);

    /** TDB2 in the data directory, or a remote SPARQL server (atlas.store=remote, docs/scaling.md). */
    @Bean(destroyMethod = "close")
    KnowledgeStore knowledgeStore(AtlasProperties properties) {
        return switch (properties.store()) {
            case TDB2 -> new Tdb2KnowledgeStore(properties.dataDir().resolve("tdb2"), properties.baseIri());
            case REMOTE -> new RemoteSparqlKnowledgeStore(properties.remote().endpoints(), properties.baseIri());
        };
    }

    @Bean
    ContributionService contributionService(KnowledgeStore store) {
        return new ContributionService(store);
    }

    @Bean
    SparqlService sparqlService(KnowledgeStore store, AtlasProperties properties) {
        return new SparqlService(
                store,
                new SparqlLimits(
                        properties.sparql().timeout(),
                        properties.sparql().maxRows(),
                        properties.sparql().maxStringLength(),
                        properties.sparql().maxResultChars(),
                        properties.sparql().maxHeldRows()),
                properties.sparql().maxConcurrent(),
                properties.sparql().queueWait());
    }

    @Bean
    EntityDescriber entityDescriber(KnowledgeStore store) {
        return new EntityDescriber(store);
    }

    @Bean(destroyMethod = "close")
    SeriesStore seriesStore(AtlasProperties properties) {
        return new DuckDbSeriesStore(properties.dataDir().resolve("series").resolve("series.duckdb"));
    }

    @Bean
    SeriesService seriesService(KnowledgeStore store, SeriesStore series) {
        return new SeriesService(store, series);
    }

    @Bean
    Importer importer(
            KnowledgeStore store,
            ContributionService contributions,
            SeriesStore series,
            AtlasProperties properties,
            GrokkingDetection detection,
            CurveDetection curveDetection,
            ImportTemporaryFolder temporary,
            ObjectProvider<BuildProperties> build) {
        String version =
                build.stream().map(BuildProperties::getVersion).findFirst().orElse("development");
        AtlasProperties.Imports imports = properties.imports();
        Importer importer = new Importer(
                store,
                contributions,
                series,
                properties.baseIri(),
                "atlas importers " + version,
                new UploadLimits(imports.maxEntries(), imports.maxUnpackedBytes(), imports.maxRatio()));
        importer.addListener(new DetectAfterImport(
                detection, GrokkingDetector.DEFAULT, curveDetection, CurveDetection.Settings.DEFAULT));
        importer.temporaryFolder(temporary.root());
        // Before anything else writes: complete or roll back the imports a crash interrupted.
        Importer.Recovery recovery = importer.recover();
        if (!recovery.published().isEmpty()
                || !recovery.discarded().isEmpty()
                || !recovery.resumed().isEmpty()) {
            log.warn(
                    "Imports interrupted by a crash: series published for {}, discarded for {}; detectors run again"
                            + " for {}",
                    recovery.published(),
                    recovery.discarded(),
                    recovery.resumed());
        }
        return importer;
    }

    @Bean
    LawChecker lawChecker(KnowledgeStore store, ContributionService contributions, AtlasProperties properties) {
        return new LawChecker(store, contributions, properties.baseIri());
    }

    /** The checks that accepted law-check plans ask for. */
    @Bean
    LawCheckPlans lawCheckPlans(KnowledgeStore store, LawChecker checker) {
        return new LawCheckPlans(store, checker);
    }

    /** The analysis of the knowledge the application starts with (run by SeedAnalysisRunner). */
    @Bean
    KnowledgeAnalysis knowledgeAnalysis(GrokkingDetection detection, LawCheckPlans plans, AtlasProperties properties) {
        return new KnowledgeAnalysis(
                detection,
                GrokkingDetector.DEFAULT,
                plans,
                new AgentRef(properties.baseIri() + "agent/seed-analysis", "seed analysis"));
    }

    /** Contradiction flags over accepted knowledge. */
    @Bean
    Contradictions contradictions(KnowledgeStore store, AtlasProperties properties) {
        return new Contradictions(store, properties.baseIri());
    }

    /** Makes the stored law checks again, off the committing thread, when new data arrives in their domain. */
    @Bean
    LawRechecker lawRechecker(KnowledgeStore store, LawChecker checker, AtlasProperties properties) {
        LawRechecker rechecker = new LawRechecker(
                store,
                checker,
                new AgentRef(properties.baseIri() + "agent/law-rechecker", "law re-checker"),
                Duration.ofSeconds(2),
                null);
        store.addListener(rechecker);
        return rechecker;
    }

    /** The grokking detector over accepted runs; it also runs after every accepted import. */
    @Bean
    GrokkingDetection grokkingDetection(
            KnowledgeStore store, ContributionService contributions, SeriesStore series, AtlasProperties properties) {
        return new GrokkingDetection(store, contributions, series, properties.baseIri());
    }

    /** The edge-of-stability, spike and double-descent detectors; they also run after every accepted import. */
    @Bean
    CurveDetection curveDetection(
            KnowledgeStore store, ContributionService contributions, SeriesStore series, AtlasProperties properties) {
        return new CurveDetection(new DetectorOutputs(store, contributions, properties.baseIri()), series);
    }

    /** Tracing over an in-memory view of accepted knowledge, kept up to date after each commit. */
    @Bean
    InStoreEvidenceTracer evidenceTracer(KnowledgeStore store) {
        return new InStoreEvidenceTracer(store);
    }

    @Bean
    NodeLabels nodeLabels(KnowledgeStore store) {
        return new NodeLabels(store);
    }

    /** Opened after the store and closed before it; follows every committed change from then on. */
    @Bean(destroyMethod = "close")
    SearchIndex searchIndex(KnowledgeStore store, AtlasProperties properties) {
        return new LuceneSearchIndex(properties.dataDir().resolve("lucene"), store);
    }

    @Bean
    SeedLoader seedLoader(
            KnowledgeStore store, ContributionService contributions, ObjectProvider<BuildProperties> build) {
        String version =
                build.stream().map(BuildProperties::getVersion).findFirst().orElse("development");
        return new SeedLoader(store, contributions, "atlas " + version);
    }
}
