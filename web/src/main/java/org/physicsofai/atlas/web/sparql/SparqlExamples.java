package org.physicsofai.atlas.web.sparql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The example queries shown on the SPARQL page: the basic ones of the web module, then the
 * researcher's questions of {@code docs/queries}. Each file starts with {@code # title:} and may have
 * a {@code # description:} line, and may give both in Chinese ({@code # title@zh:}, {@code # description@zh:}).
 */
@Component
class SparqlExamples {

    /** An example query, with its title and description in English and, where the file gives them, Chinese. */
    record Example(String title, String description, String titleZh, String descriptionZh, String query) {

        /** The title in the language ({@code zh} or another), English where there is no Chinese. */
        public String title(String language) {
            return language.equals("zh") && titleZh != null ? titleZh : title;
        }

        public String description(String language) {
            return language.equals("zh") && descriptionZh != null ? descriptionZh : description;
        }
    }

    private final List<Example> examples;

    SparqlExamples() {
        List<Example> loaded = new ArrayList<>();
        loaded.addAll(load("classpath*:sparql-examples/*.rq"));
        loaded.addAll(load("classpath*:atlas/queries/*.rq"));
        this.examples = List.copyOf(loaded);
    }

    List<Example> all() {
        return examples;
    }

    private static List<Example> load(String pattern) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
            List<Example> result = new ArrayList<>();
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    result.add(parse(resource.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            result.sort(Comparator.comparing(Example::title));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read example queries " + pattern, e);
        }
    }

    private static Example parse(String fileName, String text) {
        String title = fileName;
        String description = "";
        String titleZh = null;
        String descriptionZh = null;
        for (String line : text.lines().limit(8).toList()) {
            if (line.startsWith("# title:")) {
                title = line.substring("# title:".length()).strip();
            } else if (line.startsWith("# description:")) {
                description = line.substring("# description:".length()).strip();
            } else if (line.startsWith("# title@zh:")) {
                titleZh = line.substring("# title@zh:".length()).strip();
            } else if (line.startsWith("# description@zh:")) {
                descriptionZh = line.substring("# description@zh:".length()).strip();
            }
        }
        return new Example(title, description, titleZh, descriptionZh, text.strip());
    }
}
