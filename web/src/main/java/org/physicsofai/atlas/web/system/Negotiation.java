package org.physicsofai.atlas.web.system;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Picks the representation to send from what a client offers to accept. An explicit {@code format}
 * parameter (for browsers and links) wins over the {@code Accept} header; without either, the first
 * offered type is the default.
 */
public final class Negotiation {

    private Negotiation() {}

    /**
     * @param offered media types in order of preference; the first is the default
     * @param formats short names for the {@code format} parameter
     * @return the chosen type, or empty if the client accepts none of the offered ones
     */
    public static Optional<MediaType> choose(
            String acceptHeader, String format, List<MediaType> offered, Map<String, MediaType> formats) {
        try {
            return Optional.of(negotiate(
                    format == null || format.isBlank() ? List.of() : List.of(format),
                    acceptHeader,
                    new Formats.Vocabulary(offered, formats)));
        } catch (NotAcceptableException e) {
            return Optional.empty();
        }
    }

    /**
     * The answer's type from the {@code format}, {@code output} and {@code results} values (the first
     * one the vocabulary knows wins, so repeated values as SPARQLWrapper sends them work), else from
     * {@code Accept} (media types or their aliases), else the vocabulary's default.
     *
     * @throws NotAcceptableException naming what was asked for and what is offered
     */
    public static MediaType negotiate(List<String> formats, String acceptHeader, Formats.Vocabulary vocabulary) {
        if (!formats.isEmpty()) {
            for (String format : formats) {
                Optional<MediaType> named = vocabulary.named(format);
                if (named.isPresent()) {
                    return named.get();
                }
            }
            throw new NotAcceptableException("format=" + String.join(", format=", formats), vocabulary);
        }
        if (acceptHeader == null || acceptHeader.isBlank()) {
            return vocabulary.types().get(0);
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(acceptHeader);
        } catch (InvalidMediaTypeException e) {
            return vocabulary.types().get(0);
        }
        List<MediaType> byQuality = accepted.stream()
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .toList();
        for (MediaType wanted : byQuality) {
            if (wanted.getQualityValue() == 0) {
                continue;
            }
            for (MediaType candidate : vocabulary.types()) {
                if (wanted.includes(candidate)) {
                    return candidate;
                }
            }
            Optional<MediaType> alias = vocabulary.aliasOf(wanted);
            if (alias.isPresent()) {
                return alias.get();
            }
        }
        throw new NotAcceptableException("Accept: " + acceptHeader, vocabulary);
    }

    /** Whether the client prefers an HTML page, as browsers do. */
    public static boolean wantsHtml(String acceptHeader) {
        if (acceptHeader == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(acceptHeader).stream()
                    .sorted(Comparator.comparingDouble(MediaType::getQualityValue)
                            .reversed())
                    .filter(m -> !m.isWildcardType())
                    .findFirst()
                    .map(m -> m.isCompatibleWith(MediaType.TEXT_HTML))
                    .orElse(false);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
