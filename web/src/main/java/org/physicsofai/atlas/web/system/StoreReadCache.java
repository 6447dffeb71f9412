package org.physicsofai.atlas.web.system;

import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.jena.atlas.lib.Cache;
import org.apache.jena.atlas.lib.CacheFactory;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.springframework.stereotype.Component;

/**
 * What pages read from the knowledge store, kept until the store's next write. Every value is keyed by
 * the store's {@linkplain KnowledgeStore#version() version}, so a page never shows what a committed
 * write has changed; the first read after a write empties the cache. A store that cannot tell of every
 * write (a remote one) gets no caching. Values must be immutable and must not depend on who asks:
 * public knowledge only, never anything of a user's session.
 */
@Component
public class StoreReadCache {

    /** Entries kept at most (least recently used go first); an entity page's view is a few kilobytes. */
    static final int SIZE = 2000;

    private final KnowledgeStore store;
    private final Cache<Key, Object> cache = CacheFactory.createCache(SIZE);
    private volatile long cachedVersion = -1;

    private record Key(String kind, Object what, long version) {}

    public StoreReadCache(KnowledgeStore store) {
        this.store = store;
    }

    /**
     * The value read for {@code what}, computed by {@code read} unless a read since the store's last write
     * already did.
     *
     * @param kind names what is read (such as {@code "entity"}), so that keys of different reads never meet
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String kind, Object what, Supplier<T> read) {
        OptionalLong version = store.version();
        if (version.isEmpty()) {
            return read.get();
        }
        long now = version.getAsLong();
        if (now != cachedVersion) {
            synchronized (this) {
                if (now != cachedVersion) {
                    cache.clear();
                    cachedVersion = now;
                }
            }
        }
        return (T) cache.get(new Key(kind, what, now), key -> read.get());
    }
}
