package org.physicsofai.atlas.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each Lucene commit of the search index records in its user data (the documents' layout version
 * and the accepted contributions the index reflects), and whether the last commit on disk is usable.
 */
final class IndexCommits {

    /** Bumped whenever the documents' layout changes, so that older indexes are rebuilt. */
    static final String LAYOUT_VERSION = "1";

    static final String LAYOUT_KEY = "atlas.layout";
    static final String ACCEPTED_KEY = "atlas.accepted";

    private static final Logger log = LoggerFactory.getLogger(IndexCommits.class);

    private IndexCommits() {}

    /** The user data of a commit of an index that reflects these accepted contributions. */
    static Map<String, String> data(Set<String> reflected) {
        return Map.of(LAYOUT_KEY, LAYOUT_VERSION, ACCEPTED_KEY, String.join("\n", reflected));
    }

    /**
     * The accepted contributions the last commit in the directory reflects, or empty if the index must be
     * built anew: missing, of another layout, unreadable, or failing the checksum of any of its files.
     */
    static Optional<Set<String>> reflected(Directory directory, Path path) {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return Optional.empty();
            }
            SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
            for (String file : commit.files(true)) {
                try (IndexInput in = directory.openInput(file, IOContext.READONCE)) {
                    CodecUtil.checksumEntireFile(in);
                }
            }
            Map<String, String> data = commit.getUserData();
            if (!LAYOUT_VERSION.equals(data.get(LAYOUT_KEY))) {
                log.warn("The search index in {} has another layout; rebuilding it from the store", path);
                return Optional.empty();
            }
            Set<String> iris = new TreeSet<>();
            Arrays.stream(data.getOrDefault(ACCEPTED_KEY, "").split("\n"))
                    .filter(s -> !s.isBlank())
                    .forEach(iris::add);
            return Optional.of(iris);
        } catch (IOException | RuntimeException e) {
            log.warn("The search index in {} is damaged ({}); rebuilding it from the store", path, e.toString());
            return Optional.empty();
        }
    }
}
