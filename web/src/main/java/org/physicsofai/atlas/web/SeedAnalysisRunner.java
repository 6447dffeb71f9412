package org.physicsofai.atlas.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.physicsofai.atlas.law.KnowledgeAnalysis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Analyses the knowledge the application starts with, once the web server is up (never in a
 * command-line run): on a thread of its own, so that neither start-up nor requests wait for it, the
 * grokking detector labels the runs that record their steps to threshold (the seed's phase diagram) and
 * every accepted law-check plan is checked. Both store the usual detector and law-check contributions;
 * a restart with the same seed stores nothing new, and a changed seed is analysed at the next start.
 */
@Component
public class SeedAnalysisRunner implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SeedAnalysisRunner.class);

    private final KnowledgeAnalysis analysis;
    private final AtlasProperties properties;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seed-analysis");
        t.setDaemon(true);
        return t;
    });
    private final CompletableFuture<KnowledgeAnalysis.Report> finished = new CompletableFuture<>();
    private boolean started;

    SeedAnalysisRunner(KnowledgeAnalysis analysis, AtlasProperties properties) {
        this.analysis = analysis;
        this.properties = properties;
    }

    @Override
    public synchronized void onApplicationEvent(WebServerInitializedEvent event) {
        if (started) {
            return; // a management server would announce itself too
        }
        started = true;
        if (!properties.seed().enabled()) {
            finished.cancel(false);
            return;
        }
        executor.execute(() -> {
            try {
                KnowledgeAnalysis.Report report = analysis.run();
                report.lines().forEach(line -> log.info("Seed analysis: {}", line));
                finished.complete(report);
            } catch (RuntimeException e) {
                log.warn("The analysis of the seed's data failed", e);
                finished.completeExceptionally(e);
            }
        });
    }

    /** Completes with the report of the start-up analysis (cancelled when the seed is not loaded). */
    public CompletableFuture<KnowledgeAnalysis.Report> finished() {
        return finished;
    }

    /** Makes the analysis again now, on the caller's thread (what a restart with unchanged knowledge does). */
    public KnowledgeAnalysis.Report runAgain() {
        return analysis.run();
    }

    @Override
    public void destroy() throws InterruptedException {
        // let a round in progress finish its write before the stores close
        executor.shutdown();
        if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
