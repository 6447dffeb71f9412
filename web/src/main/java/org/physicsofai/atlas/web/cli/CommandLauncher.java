package org.physicsofai.atlas.web.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.physicsofai.atlas.store.StoreUnavailableException;
import org.physicsofai.atlas.web.AtlasApplication;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs a subcommand in an application context without a web server. Spring settings may be given
 * before the command name ({@code --atlas.data-dir=/srv/atlas dump}); the words after it belong to
 * the command.
 */
public final class CommandLauncher {

    private CommandLauncher() {}

    /** Whether the arguments name a command rather than only Spring settings. */
    public static boolean isCommand(String[] args) {
        return Arrays.stream(args).anyMatch(a -> !a.startsWith("--"));
    }

    public static int launch(String[] args) {
        return launch(args, System.out, System.err);
    }

    static int launch(String[] args, PrintStream out, PrintStream err) {
        List<String> settings = new ArrayList<>();
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            settings.add(args[i++]);
        }
        String name = args[i];
        List<String> commandArgs = List.of(args).subList(i + 1, args.length);
        // Logs go to standard error so that a command's output (a dump, say) stays clean.
        System.setProperty("ATLAS_LOG_TARGET", "System.err");
        if (name.equals(RestoreCommand.NAME)) {
            return restore(settings, commandArgs, out, err);
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtlasApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(settings.toArray(String[]::new))) {
            List<AtlasCommand> commands = context.getBeansOfType(AtlasCommand.class).values().stream()
                    .sorted(Comparator.comparing(AtlasCommand::name))
                    .toList();
            if (name.equals("help")) {
                return help(commands, commandArgs, out);
            }
            Optional<AtlasCommand> command =
                    commands.stream().filter(c -> c.name().equals(name)).findFirst();
            if (command.isEmpty()) {
                err.println("Unknown command '" + name + "'.");
                help(commands, List.of(), err);
                return 2;
            }
            try {
                return command.get().run(commandArgs, out, err);
            } catch (UsageException e) {
                err.println(e.getMessage());
                err.println("Usage: java -jar atlas.jar " + command.get().usage());
                return 2;
            }
        } catch (Exception e) {
            err.println("atlas " + name + " failed: " + rootMessage(e));
            return 1;
        }
    }

    /** Restores without the application: opening its stores would fill the data directory. */
    private static int restore(List<String> settings, List<String> args, PrintStream out, PrintStream err) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RestoreSettings.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(settings.toArray(String[]::new))) {
            return RestoreCommand.run(context.getBean(AtlasProperties.class), args, out, err);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("Usage: java -jar atlas.jar " + RestoreCommand.USAGE);
            return 2;
        } catch (Exception e) {
            err.println("atlas " + RestoreCommand.NAME + " failed: " + rootMessage(e));
            return 1;
        }
    }

    private static int help(List<AtlasCommand> commands, List<String> args, PrintStream out) {
        if (!args.isEmpty() && args.get(0).equals(RestoreCommand.NAME)) {
            out.println("Usage: java -jar atlas.jar " + RestoreCommand.USAGE);
            return 0;
        }
        if (!args.isEmpty()) {
            Optional<AtlasCommand> command =
                    commands.stream().filter(c -> c.name().equals(args.get(0))).findFirst();
            if (command.isPresent()) {
                out.println("Usage: java -jar atlas.jar " + command.get().usage());
                return 0;
            }
        }
        out.println("Usage: java -jar atlas.jar [--setting=value ...] COMMAND [options]");
        out.println("Without a command, serves the Atlas on http://localhost:8080 (server.port).");
        out.println();
        out.println("Commands:");
        out.printf("  %-10s %s%n", "help", "List the commands, or show one command's options");
        commands.forEach(c -> out.printf("  %-10s %s%n", c.name(), c.summary()));
        out.printf("  %-10s %s%n", RestoreCommand.NAME, RestoreCommand.SUMMARY);
        return 0;
    }

    /** Our own exceptions explain themselves; otherwise the innermost cause says what went wrong. */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof StoreUnavailableException) {
                return cause.getMessage();
            }
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
