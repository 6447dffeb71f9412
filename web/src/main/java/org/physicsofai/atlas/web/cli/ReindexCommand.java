package org.physicsofai.atlas.web.cli;

import java.io.PrintStream;
import java.util.List;
import org.physicsofai.atlas.search.SearchIndex;
import org.springframework.stereotype.Component;

/** Rebuilds the search index from the store's accepted knowledge. */
@Component
class ReindexCommand implements AtlasCommand {

    private final SearchIndex index;

    ReindexCommand(SearchIndex index) {
        this.index = index;
    }

    static final String NAME = "reindex";

    @Override
    public String name() {
        return NAME;
    }

    static final String SUMMARY = "Rebuild the search index from the accepted knowledge in the store";

    @Override
    public String summary() {
        return SUMMARY;
    }

    static final String USAGE =
            "reindex\n  Replaces the search index in {atlas.data-dir}/lucene with one built from the store.";

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            throw new UsageException("reindex takes no options, got '" + args.getFirst() + "'.");
        }
        SearchIndex.RebuildReport report = index.rebuild();
        out.printf(
                "Indexed %d entities from %d accepted contributions in %d ms.%n",
                report.entities(), report.contributions(), report.millis());
        return 0;
    }
}
