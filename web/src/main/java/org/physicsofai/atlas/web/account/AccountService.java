package org.physicsofai.atlas.web.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Creating accounts, changing passwords and profiles, and API tokens. */
public class AccountService {

    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");
    private static final Pattern ORCID = Pattern.compile("https://orcid\\.org/\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]");
    private static final String TOKEN_PREFIX = "atlas_";

    private final AccountRepository repository;
    private final PasswordEncoder encoder;
    private final AtlasProperties properties;
    private final SecureRandom random = new SecureRandom();
    private final List<AccountListener> listeners = new CopyOnWriteArrayList<>();

    AccountService(AccountRepository repository, PasswordEncoder encoder, AtlasProperties properties) {
        this.repository = repository;
        this.encoder = encoder;
        this.properties = properties;
    }

    /** Registers a listener told of every account created or changed, after the change is saved. */
    public void addListener(AccountListener listener) {
        listeners.add(listener);
    }

    public Optional<Account> find(String username) {
        return repository.find(username);
    }

    public List<Account> all() {
        return repository.all();
    }

    public Account create(String username, String displayName, String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new AccountException(
                    "A user name is 3 to 32 characters: lower-case letters, digits, '.', '_' or '-'.");
        }
        if (repository.find(username).isPresent()) {
            throw new AccountException("The user name '" + username + "' is taken.");
        }
        requireStrong(password);
        String name = displayName == null || displayName.isBlank() ? username : displayName.strip();
        Account account =
                new Account(username, name, null, encoder.encode(password), role, true, Instant.now(), List.of());
        repository.save(account);
        listeners.forEach(l -> l.created(account));
        return account;
    }

    /**
     * Changes the password when the current one is given. The account's API tokens are revoked, and
     * its listeners end its other sessions.
     */
    public void changePassword(String username, String current, String replacement) {
        Account account = require(username);
        if (current == null || !encoder.matches(current, account.passwordHash())) {
            throw new AccountException("The current password is not right.");
        }
        requireStrong(replacement);
        Account changed = account.withPasswordHash(encoder.encode(replacement)).withTokens(List.of());
        repository.save(changed);
        listeners.forEach(l -> l.changed(account, changed));
    }

    public Account updateProfile(String username, String displayName, String orcid) {
        if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
            throw new AccountException("A display name is 1 to 100 characters.");
        }
        String cleanOrcid = orcid == null || orcid.isBlank() ? null : orcid.strip();
        if (cleanOrcid != null && !ORCID.matcher(cleanOrcid).matches()) {
            throw new AccountException("An ORCID iD looks like https://orcid.org/0000-0002-1825-0097.");
        }
        Account updated = require(username).withProfile(displayName.strip(), cleanOrcid);
        repository.save(updated);
        return updated;
    }

    /**
     * Sets an account's role and whether it may sign in. Disabling revokes its API tokens (a token of
     * any enabled account only submits, which every role may do, so a demotion keeps them); the
     * listeners end its sessions when it loses a power.
     */
    public Account setRole(String username, Role role, boolean enabled) {
        Account before = require(username);
        Account updated = before.withRole(role, enabled);
        if (!enabled) {
            updated = updated.withTokens(List.of());
        }
        repository.save(updated);
        Account after = updated;
        listeners.forEach(l -> l.changed(before, after));
        return updated;
    }

    /** Makes a token and returns it in clear; only its digest is kept. */
    public String createToken(String username, String name) {
        Account account = require(username);
        if (name == null || name.isBlank() || name.length() > 60) {
            throw new AccountException("Give the token a name of 1 to 60 characters, such as the machine it runs on.");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = digest(token).substring(0, 12);
        List<Account.ApiToken> tokens = new ArrayList<>(account.tokens());
        tokens.add(new Account.ApiToken(id, name.strip(), digest(token), Instant.now(), null));
        repository.save(account.withTokens(tokens));
        return token;
    }

    public void revokeToken(String username, String tokenId) {
        Account account = require(username);
        List<Account.ApiToken> kept =
                account.tokens().stream().filter(t -> !t.id().equals(tokenId)).toList();
        if (kept.size() == account.tokens().size()) {
            throw new AccountException("No token " + tokenId + ".");
        }
        repository.save(account.withTokens(kept));
    }

    /** The enabled account a token belongs to, if the token is valid. */
    public Optional<Account> authenticateToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        byte[] presented = digest(token).getBytes(StandardCharsets.US_ASCII);
        for (Account account : repository.all()) {
            for (Account.ApiToken stored : account.tokens()) {
                if (MessageDigest.isEqual(presented, stored.digest().getBytes(StandardCharsets.US_ASCII))) {
                    return account.enabled() ? Optional.of(account) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** How the account appears in provenance: an agent IRI under the deployment's base, and its display name. */
    public AgentRef agent(Account account) {
        return new AgentRef(properties.baseIri() + "agent/" + account.username(), account.displayName());
    }

    /** Creates the first administrator from settings, once, if there is no administrator yet. */
    public boolean ensureAdmin(String username, String password) {
        if (repository.all().stream().anyMatch(a -> a.role() == Role.ADMIN)) {
            return false;
        }
        create(username, username, password, Role.ADMIN);
        return true;
    }

    private Account require(String username) {
        return repository.find(username).orElseThrow(() -> new AccountException("No account '" + username + "'."));
    }

    private static void requireStrong(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new AccountException("A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
