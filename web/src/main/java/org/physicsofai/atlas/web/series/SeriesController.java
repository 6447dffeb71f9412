package org.physicsofai.atlas.web.series;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.series.SeriesService;
import org.physicsofai.atlas.web.AtlasProperties;
import org.physicsofai.atlas.web.review.ContributionReaders;
import org.physicsofai.atlas.web.system.IriBases;
import org.physicsofai.atlas.web.system.Negotiation;
import org.physicsofai.atlas.web.system.NotAcceptableException;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The points of a series ({@code {atlas.base-iri}series/{id}}) as JSON columns or CSV, at full
 * resolution or downsampled on the server to at most {@code maxPoints}: the accepted points, or with
 * {@code contribution=IRI} the points as that contribution has them (a pending import's own), for the
 * contribution's author and curators only.
 */
@Controller
class SeriesController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");
    private static final List<MediaType> OFFERED = List.of(MediaType.APPLICATION_JSON, CSV);

    private final SeriesService series;
    private final AtlasProperties properties;
    private final IriBases bases;
    private final ContributionReaders readers;

    SeriesController(SeriesService series, AtlasProperties properties, IriBases bases, ContributionReaders readers) {
        this.series = series;
        this.properties = properties;
        this.bases = bases;
        this.readers = readers;
    }

    @GetMapping("/api/series/{id}")
    void series(
            @PathVariable String id,
            @RequestParam(required = false) Integer maxPoints,
            @RequestParam(required = false) String format,
            @RequestParam(required = false) Long from,
            @RequestParam(required = false) Long to,
            @RequestParam(required = false) String contribution,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            Authentication authentication,
            HttpServletResponse response)
            throws IOException {
        if (!ID.matcher(id).matches()) {
            throw new NotFoundException("No series " + id);
        }
        if (maxPoints != null && maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be at least 4 (first, last, lowest and highest point)");
        }
        if (from != null && to != null && from > to) {
            throw new IllegalArgumentException("from (" + from + ") must not be after to (" + to + ")");
        }
        MediaType type = Negotiation.choose(
                        accept, format, OFFERED, Map.of("json", MediaType.APPLICATION_JSON, "csv", CSV))
                .orElseThrow(() -> new NotAcceptableException(OFFERED));
        String iri = properties.baseIri() + "series/" + id;
        if (contribution != null) {
            requireAuthorOrCurator(contribution, authentication);
        }
        SeriesData data = null;
        // a series imported while the Atlas answered on another address keeps the IRI it was given
        for (String base : bases.all()) {
            String candidate = base + "series/" + id;
            Optional<SeriesData> found = contribution == null
                    ? series.read(candidate, maxPoints, from, to)
                    : series.readContributed(candidate, contribution, maxPoints, from, to);
            if (found.isPresent()) {
                iri = candidate;
                data = found.get();
                break;
            }
        }
        if (data == null) {
            throw new NotFoundException("The series store holds no series " + iri + ".");
        }
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        response.setCharacterEncoding("UTF-8");
        try (Writer out =
                new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8))) {
            if (type.equals(CSV)) {
                response.setContentType("text/csv;charset=UTF-8");
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + ".csv\"");
                writeCsv(data, out);
            } else {
                response.setContentType("application/json");
                writeJson(iri, data, maxPoints, out);
            }
        }
    }

    /** Only a contribution's author and curators see its series; to anyone else it does not exist. */
    private void requireAuthorOrCurator(String contribution, Authentication authentication) {
        readers.require(contribution, authentication);
    }

    private static void writeCsv(SeriesData data, Writer out) throws IOException {
        out.write("step,value,wall_time\n");
        for (int i = 0; i < data.size(); i++) {
            out.write(Long.toString(data.step(i)));
            out.write(',');
            out.write(plain(data.value(i)));
            out.write(',');
            if (!Double.isNaN(data.wallTime(i))) {
                out.write(plain(data.wallTime(i)));
            }
            out.write('\n');
        }
    }

    /**
     * A number as CSV readers and people expect it: all its digits (the shortest that give the value
     * back), never an exponent ({@code 1628697792.09}, not {@code 1.62869779209E9}); NaN and infinities
     * as {@code NaN}, {@code Infinity}, {@code -Infinity}.
     */
    static String plain(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).toPlainString() : Double.toString(v);
    }

    /** Columns of equal length; NaN and infinite values as the strings "NaN", "Infinity", "-Infinity". */
    private static void writeJson(String iri, SeriesData data, Integer maxPoints, Writer out) throws IOException {
        out.write("{\"series\":\"");
        out.write(iri.replace("\\", "\\\\").replace("\"", "\\\""));
        out.write("\",\"maxPoints\":" + (maxPoints == null ? "null" : maxPoints));
        out.write(",\"points\":" + data.size());
        out.write(",\"step\":[");
        for (int i = 0; i < data.size(); i++) {
            out.write((i > 0 ? "," : "") + data.step(i));
        }
        out.write("],\"value\":[");
        for (int i = 0; i < data.size(); i++) {
            out.write((i > 0 ? "," : "") + number(data.value(i), "\"NaN\""));
        }
        out.write("],\"wallTime\":[");
        for (int i = 0; i < data.size(); i++) {
            out.write((i > 0 ? "," : "") + number(data.wallTime(i), "null"));
        }
        out.write("]}");
    }

    private static String number(double v, String nan) {
        if (Double.isNaN(v)) {
            return nan;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        }
        return Double.toString(v);
    }
}
