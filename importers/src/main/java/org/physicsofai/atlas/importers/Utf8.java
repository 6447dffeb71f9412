package org.physicsofai.atlas.importers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Strict UTF-8 decoding of the text files of logs. Bytes that are not UTF-8 are a problem naming the
 * file and line, never silently replaced: a replaced byte would end up in the name of a metric or a
 * configuration value.
 */
public final class Utf8 {

    private Utf8() {}

    /** Text that is not UTF-8; {@code line} counts from 1. */
    public static final class Malformed extends IOException {
        private final String file;
        private final long line;

        Malformed(String file, long line, long offset) {
            super("not UTF-8 text: an invalid byte sequence at byte " + offset + " (save the file as UTF-8)");
            this.file = file;
            this.line = line;
        }

        public String file() {
            return file;
        }

        public long line() {
            return line;
        }
    }

    /**
     * @param file how to name the file in the problem
     * @throws Malformed if the bytes are not UTF-8
     */
    public static String decode(byte[] bytes, String file) throws Malformed {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            long line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new Malformed(file, line, at);
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** The text, or {@code null} after adding the problem to the run's problems. */
    public static String decode(byte[] bytes, String file, RunResult result) {
        try {
            return decode(bytes, file);
        } catch (Malformed e) {
            result.problem(file, e.line(), e.getMessage());
            return null;
        }
    }

    /** Reads a whole file as strict UTF-8. */
    public static String read(Path path, String file) throws IOException {
        return decode(Files.readAllBytes(path), file);
    }
}
