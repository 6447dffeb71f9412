package org.physicsofai.atlas.web.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.physicsofai.atlas.store.StoreUnavailableException;
import org.physicsofai.atlas.web.AtlasApplication;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs a subcommand in an application context without a web server. Spring settings
 * ({@code --atlas.data-dir=/srv/atlas}) may be given before or after the command name; the other
 * words after it belong to the command. {@code help}, {@code COMMAND --help} and an unknown command
 * are answered at once, without starting the application or opening a store.
 */
public final class CommandLauncher {

    /** Name, summary and usage of every command, known without the application. */
    record Help(String name, String summary, String usage) {}

    static final List<Help> COMMANDS = List.of(
            new Help(DetectCommand.NAME, DetectCommand.SUMMARY, DetectCommand.USAGE),
            new Help(DumpCommand.NAME, DumpCommand.SUMMARY, DumpCommand.USAGE),
            new Help(ImportCommand.NAME, ImportCommand.SUMMARY, ImportCommand.USAGE),
            new Help(LawCheckCommand.NAME, LawCheckCommand.SUMMARY, LawCheckCommand.USAGE),
            new Help(ReindexCommand.NAME, ReindexCommand.SUMMARY, ReindexCommand.USAGE),
            new Help(RestoreCommand.NAME, RestoreCommand.SUMMARY, RestoreCommand.USAGE),
            new Help(ResyncCommand.NAME, ResyncCommand.SUMMARY, ResyncCommand.USAGE),
            new Help(SweepCommand.NAME, SweepCommand.SUMMARY, SweepCommand.USAGE),
            new Help(UserCommand.NAME, UserCommand.SUMMARY, UserCommand.USAGE));

    private static final Set<String> HELP_OPTIONS = Set.of("--help", "-h");

    private CommandLauncher() {}

    /** Whether the arguments name a command (or ask for help) rather than only Spring settings. */
    public static boolean isCommand(String[] args) {
        return Arrays.stream(args).anyMatch(a -> !a.startsWith("--") || HELP_OPTIONS.contains(a));
    }

    /**
     * Whether an argument after the command name is a Spring setting rather than an option of the
     * command: {@code --name=value} where the name is a dotted property ({@code --atlas.data-dir=D}).
     * No command has options of that form.
     */
    static boolean isSetting(String arg) {
        int equals = arg.indexOf('=');
        return arg.startsWith("--") && equals > 2 && arg.substring(2, equals).contains(".");
    }

    public static int launch(String[] args) {
        return launch(args, System.out, System.err);
    }

    static int launch(String[] args, PrintStream out, PrintStream err) {
        List<String> settings = new ArrayList<>();
        int i = 0;
        while (i < args.length && args[i].startsWith("--") && !HELP_OPTIONS.contains(args[i])) {
            settings.add(args[i++]);
        }
        String name = i < args.length && !HELP_OPTIONS.contains(args[i]) ? args[i] : "help";
        List<String> commandArgs = new ArrayList<>();
        for (String arg : List.of(args).subList(Math.min(i + 1, args.length), args.length)) {
            if (isSetting(arg)) {
                settings.add(arg);
            } else {
                commandArgs.add(arg);
            }
        }
        if (name.equals("help")) {
            return help(commandArgs, out);
        }
        Optional<Help> known = find(name);
        if (known.isEmpty()) {
            err.println("Unknown command '" + name + "'.");
            help(List.of(), err);
            return 2;
        }
        if (commandArgs.stream().anyMatch(HELP_OPTIONS::contains)) {
            out.println("Usage: java -jar atlas.jar " + known.get().usage());
            return 0;
        }
        // Logs go to standard error so that a command's output (a dump, say) stays clean.
        System.setProperty("ATLAS_LOG_TARGET", "System.err");
        if (name.equals(RestoreCommand.NAME)) {
            return restore(settings, commandArgs, out, err);
        }
        if (name.equals(SweepCommand.NAME) && SweepCommand.isOffline(commandArgs)) {
            return sweepOffline(settings, commandArgs, out, err);
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtlasApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(settings.toArray(String[]::new))) {
            AtlasCommand command = context.getBeansOfType(AtlasCommand.class).values().stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("The command '" + name + "' is not available."));
            try {
                return command.run(commandArgs, out, err);
            } catch (UsageException e) {
                err.println(e.getMessage());
                err.println("Usage: java -jar atlas.jar " + command.usage());
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

    /** {@code sweep status} and {@code sweep cancel} read the sweep's journal, never the stores a running sweep holds. */
    private static int sweepOffline(List<String> settings, List<String> args, PrintStream out, PrintStream err) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RestoreSettings.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(settings.toArray(String[]::new))) {
            return SweepCommand.offline(context.getBean(AtlasProperties.class), args, out, err);
        } catch (Exception e) {
            err.println("atlas " + SweepCommand.NAME + " failed: " + rootMessage(e));
            return 1;
        }
    }

    private static Optional<Help> find(String name) {
        return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static int help(List<String> args, PrintStream out) {
        if (!args.isEmpty()) {
            Optional<Help> command = find(args.get(0));
            if (command.isPresent()) {
                out.println("Usage: java -jar atlas.jar " + command.get().usage());
                return 0;
            }
            if (!HELP_OPTIONS.contains(args.get(0))) {
                out.println("Unknown command '" + args.get(0) + "'.");
            }
        }
        out.println("Usage: java -jar atlas.jar [--setting=value ...] COMMAND [options] [--setting=value ...]");
        out.println("Without a command, serves the Atlas on http://localhost:8080 (server.port).");
        out.println("Settings (--atlas.data-dir=DIR, for example) may come before or after the command.");
        out.println();
        out.println("Commands:");
        out.printf("  %-10s %s%n", "help", "List the commands, or show one command's options (also: COMMAND --help)");
        COMMANDS.forEach(c -> out.printf("  %-10s %s%n", c.name(), c.summary()));
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
