package org.physicsofai.atlas.web.cli;

import java.io.PrintStream;
import java.util.List;

/** A subcommand of {@code java -jar atlas.jar NAME ...}, run without the web server. */
public interface AtlasCommand {

    /** The word that selects this command. */
    String name();

    /** One line for the command list. */
    String summary();

    /** How to call it, option by option. */
    String usage();

    /**
     * Runs the command.
     *
     * @param args the words after the command's name
     * @return the process exit status: 0 for success, 2 for a usage error, 1 for other failures
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
