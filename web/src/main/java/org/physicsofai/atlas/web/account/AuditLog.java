package org.physicsofai.atlas.web.account;

import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log of sign-ins (successful, failed) and of changes to accounts (created, role, enabled
 * flag, password): one JSON object a line in {@code audit.log} in the data directory, outside the
 * knowledge graph, appended and never rewritten. Administrators read it at {@code /admin/audit}.
 */
public class AuditLog implements AccountListener {

    /** What happened. */
    public enum Kind {
        SIGN_IN,
        SIGN_IN_FAILED,
        ACCOUNT_CREATED,
        ROLE_CHANGED,
        PASSWORD_CHANGED
    }

    /**
     * One entry.
     *
     * @param account the account concerned (for a failed sign-in, the user name given, which may name no account)
     * @param actor who did it: the signed-in user, or {@code command line} outside a web request
     * @param address the client address of the request, if any
     * @param detail what changed, such as {@code curator → contributor, disabled}
     */
    public record Entry(Instant time, Kind kind, String account, String actor, String address, String detail) {}

    private static final int MAX_NAME = 64;

    private final Path file;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(Path file, JsonMapper json, Clock clock) {
        this.file = file;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void created(Account account) {
        record(Kind.ACCOUNT_CREATED, account.username(), describe(account));
    }

    @Override
    public void changed(Account before, Account after) {
        if (!before.passwordHash().equals(after.passwordHash())) {
            record(Kind.PASSWORD_CHANGED, after.username(), "other sessions and API tokens ended");
        }
        if (before.role() != after.role() || before.enabled() != after.enabled()) {
            record(Kind.ROLE_CHANGED, after.username(), describe(before) + " → " + describe(after));
        }
    }

    /** Records an event of the current request (or of the command line, outside one). */
    public void record(Kind kind, String account, String detail) {
        HttpServletRequest request = currentRequest();
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String actor = request == null
                ? "command line"
                : who == null || !who.isAuthenticated() || "anonymousUser".equals(who.getName()) ? null : who.getName();
        append(new Entry(
                clock.instant(),
                kind,
                shorten(account),
                actor,
                request == null ? null : request.getRemoteAddr(),
                detail));
    }

    /** The newest entries, newest first, at most {@code limit}. */
    public List<Entry> newest(int limit) {
        Deque<Entry> newest = new ArrayDeque<>();
        synchronized (this) {
            if (!Files.exists(file)) {
                return List.of();
            }
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    newest.addFirst(json.readValue(line, Entry.class));
                    if (newest.size() > limit) {
                        newest.removeLast();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the audit log " + file, e);
            }
        }
        return new ArrayList<>(newest);
    }

    private synchronized void append(Entry entry) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    json.writeValueAsString(entry) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the audit log " + file, e);
        }
    }

    private static String describe(Account account) {
        return account.role().name().toLowerCase(java.util.Locale.ROOT) + (account.enabled() ? "" : ", disabled");
    }

    private static String shorten(String name) {
        return name == null || name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "…";
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }
}
