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

    @Override
    public String name() {
        return "reindex";
    }

    @Override
    public String summary() {
        return "Rebuild the search index from the accepted knowledge in the store";
    }

    @Override
    public String usage() {
        return "reindex\n  Replaces the search index in {atlas.data-dir}/lucene with one built from the store.";
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
