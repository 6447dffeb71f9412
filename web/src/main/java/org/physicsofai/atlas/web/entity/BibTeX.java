package org.physicsofai.atlas.web.entity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Writes citations as BibTeX entries ({@code @misc}, or {@code @article} with a DOI), one per source. */
final class BibTeX {

    private BibTeX() {}

    /** The entries, each keyed by the last segment of its source's IRI (made unique). */
    static String entries(List<PhenomenonSections.Citation> citations) {
        Set<String> keys = new LinkedHashSet<>();
        StringBuilder out = new StringBuilder();
        for (PhenomenonSections.Citation c : citations) {
            String key = key(c.iri());
            String unique = key;
            for (int n = 2; !keys.add(unique); n++) {
                unique = key + "-" + n;
            }
            out.append(entry(unique, c)).append('\n');
        }
        return out.toString();
    }

    static String entry(String key, PhenomenonSections.Citation c) {
        List<String[]> fields = new ArrayList<>();
        if (c.authors() != null) {
            fields.add(new String[] {"author", authors(c.authors())});
        }
        if (c.title() != null) {
            // Double braces keep the title's capitals as written.
            fields.add(new String[] {"title", "{" + escape(c.title()) + "}"});
        }
        if (c.year() != null) {
            fields.add(new String[] {"year", escape(c.year())});
        }
        if (c.venue() != null) {
            fields.add(new String[] {"howpublished", escape(c.venue())});
        }
        if (c.arxiv() != null) {
            fields.add(new String[] {"eprint", verbatim(c.arxiv())});
            fields.add(new String[] {"archiveprefix", "arXiv"});
        }
        if (c.doi() != null) {
            fields.add(new String[] {"doi", verbatim(c.doi())});
        }
        String url = c.doiUrl() != null ? c.doiUrl() : c.arxivUrl();
        if (url != null) {
            fields.add(new String[] {"url", verbatim(url)});
        }
        return "@misc{" + key + ",\n"
                + fields.stream().map(f -> "  " + f[0] + " = {" + f[1] + "}").collect(Collectors.joining(",\n"))
                + "\n}\n";
    }

    /** "Power, Burda, Edwards" becomes "Power and Burda and Edwards". */
    private static String authors(String authors) {
        return Arrays.stream(authors.split("\\s*[,;]\\s*|\\s+and\\s+"))
                .filter(a -> !a.isBlank())
                .map(BibTeX::escape)
                .collect(Collectors.joining(" and "));
    }

    private static String key(String iri) {
        String last = iri.substring(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1);
        String key = last.replaceAll("[^A-Za-z0-9_:.-]", "");
        return key.isEmpty() ? "source" : key;
    }

    /** Identifiers and links are written as they are, without the characters that would end the field. */
    private static String verbatim(String text) {
        return text.replaceAll("[{}\\\\]", "");
    }

    /** Braces, backslashes and TeX's special characters are escaped; the rest is UTF-8 as written. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '\\' -> out.append("\\textbackslash{}");
                case '{', '}', '&', '%', '$', '#', '_' -> out.append('\\').append(ch);
                case '~' -> out.append("\\textasciitilde{}");
                case '^' -> out.append("\\textasciicircum{}");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
