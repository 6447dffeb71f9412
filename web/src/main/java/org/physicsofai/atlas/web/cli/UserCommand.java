package org.physicsofai.atlas.web.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.physicsofai.atlas.web.account.AccountException;
import org.physicsofai.atlas.web.account.AccountService;
import org.physicsofai.atlas.web.account.Role;
import org.springframework.stereotype.Component;

/** {@code user add NAME --role ROLE}: creates an account, reading its password from the console or standard input. */
@Component
class UserCommand implements AtlasCommand {

    private final AccountService accounts;

    UserCommand(AccountService accounts) {
        this.accounts = accounts;
    }

    static final String NAME = "user";

    @Override
    public String name() {
        return NAME;
    }

    static final String SUMMARY = "Create an account (the first administrator, for example)";

    @Override
    public String summary() {
        return SUMMARY;
    }

    static final String USAGE = "user add USERNAME --role contributor|curator|admin [--display-name NAME]\n"
            + "  The password is asked for on the console, or read as one line from standard input.";

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.size() < 2 || !args.get(0).equals("add")) {
            throw new UsageException("Expected 'user add USERNAME --role ROLE'.");
        }
        String username = args.get(1);
        Role role = null;
        String displayName = null;
        for (int i = 2; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--role" -> role = Role.parse(value(args, ++i, "--role"));
                case "--display-name" -> displayName = value(args, ++i, "--display-name");
                default -> throw new UsageException("Unknown option '" + args.get(i) + "'.");
            }
        }
        if (role == null) {
            throw new UsageException("--role is required.");
        }
        try {
            accounts.create(username, displayName, readPassword(err), role);
        } catch (AccountException e) {
            err.println(e.getMessage());
            return 1;
        }
        out.println("Created " + role.name().toLowerCase(java.util.Locale.ROOT) + " account '" + username + "'.");
        return 0;
    }

    private static String readPassword(PrintStream err) throws java.io.IOException {
        Console console = System.console();
        if (console != null) {
            char[] password = console.readPassword("Password: ");
            return password == null ? null : new String(password);
        }
        err.println("Reading the password from standard input.");
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value.");
        }
        return args.get(index);
    }
}
