package org.physicsofai.atlas.web.cli;

import java.io.PrintStream;
import java.util.List;
import org.physicsofai.atlas.mirror.Mirror;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Rebuilds the Neo4j mirror from the store. */
@Component
class ResyncCommand implements AtlasCommand {

    private final ObjectProvider<Mirror> mirror;

    ResyncCommand(ObjectProvider<Mirror> mirror) {
        this.mirror = mirror;
    }

    static final String NAME = "resync";

    @Override
    public String name() {
        return NAME;
    }

    static final String SUMMARY = "Rebuild the Neo4j mirror from the accepted knowledge in the store";

    @Override
    public String summary() {
        return SUMMARY;
    }

    static final String USAGE =
            "resync\n  Removes what the mirror holds in Neo4j (atlas.neo4j.uri) and projects every accepted"
                    + " contribution again.";

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            throw new UsageException("resync takes no options, got '" + args.getFirst() + "'.");
        }
        Mirror target = mirror.getIfAvailable();
        if (target == null) {
            throw new UsageException(
                    "No Neo4j mirror is configured: set atlas.neo4j.uri (and atlas.neo4j.user, atlas.neo4j.password).");
        }
        Mirror.ResyncReport report = target.resync();
        out.printf(
                "Mirrored %d accepted contributions as %d nodes and %d relationships in %d ms.%n",
                report.contributions(), report.nodes(), report.relationships(), report.millis());
        return 0;
    }
}
