package org.physicsofai.atlas.web.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The accounts, in one JSON file under the data directory, outside the knowledge graph (so that
 * nothing of accounts is ever visible through SPARQL, search or dumps). Every change rewrites the file
 * through a temporary file and an atomic rename, so a crash leaves the old or the new version whole.
 */
class AccountRepository {

    private final Path file;
    private final JsonMapper json;
    private final Map<String, Account> accounts = new LinkedHashMap<>();

    AccountRepository(Path file, JsonMapper json) {
        this.file = file;
        this.json = json;
        if (Files.exists(file)) {
            try {
                List<Account> stored = json.readValue(file.toFile(), new TypeReference<List<Account>>() {});
                stored.forEach(a -> accounts.put(a.username(), a));
            } catch (RuntimeException e) {
                throw new IllegalStateException("Cannot read the accounts file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    synchronized Optional<Account> find(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    synchronized List<Account> all() {
        List<Account> list = new ArrayList<>(accounts.values());
        list.sort(Comparator.comparing(Account::username));
        return list;
    }

    synchronized void save(Account account) {
        Account previous = accounts.put(account.username(), account);
        try {
            write();
        } catch (RuntimeException e) {
            if (previous == null) {
                accounts.remove(account.username());
            } else {
                accounts.put(account.username(), previous);
            }
            throw e;
        }
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), new ArrayList<>(accounts.values()));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the accounts file " + file, e);
        }
    }
}
