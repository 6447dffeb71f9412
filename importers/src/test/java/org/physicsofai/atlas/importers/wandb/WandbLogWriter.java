package org.physicsofai.atlas.importers.wandb;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a W&amp;B transaction log ({@code run-<id>.wandb}) byte for byte as wandb does, for tests
 * (no real one can be had with a licence that allows copying it). Made from the published
 * specification, not from the importer's classes:
 *
 * <ul>
 *   <li>the framing from wandb's {@code wandb/sdk/internal/datastore.py} and its Go writer ({@code
 *       core/pkg/leveldb/record.go} with {@code CRCAlgoIEEE}): the 7-byte header {@code ":W&B"},
 *       {@code 0xBEE1} (uint16 LE), version 0; 32 KiB blocks counted from the file's first byte;
 *       chunks of a 7-byte header (uint32 LE checksum = {@code zlib.crc32(data, zlib.crc32(chr(type)))},
 *       uint16 LE length, type FULL 1 / FIRST 2 / MIDDLE 3 / LAST 4) and their data; fewer than 7
 *       bytes left in a block are zero-filled;
 *   <li>each record a protobuf {@code wandb_internal.Record}, encoded field by field with protobuf's
 *       {@link CodedOutputStream} using the field numbers of wandb's {@code wandb_internal.proto}
 *       (Record: history 2, summary 3, output 4, config 5, stats 7, telemetry 11, run 17, exit 18,
 *       header 21, environment 26; HistoryItem/SummaryItem/ConfigItem: key 1, nested_key 2,
 *       value_json 16; HistoryRecord: item 1, step 2; RunRecord: run_id 1, project 3, config 4,
 *       display_name 8, start_time 17; RunExitRecord: exit_code 1, runtime 2; ...).
 * </ul>
 *
 * A file written here was checked once with wandb's own Python reader ({@code
 * DataStore.open_for_scan} and {@code scan_data} of {@code datastore.py}), which read every record
 * back with its checksums.
 */
public final class WandbLogWriter {

    public static final int BLOCK = 32 * 1024;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** File offsets of each record's first chunk header. */
    public final List<Long> recordOffsets = new ArrayList<>();

    public int paddings;

    public WandbLogWriter() {
        out.writeBytes(":W&B".getBytes(StandardCharsets.US_ASCII));
        out.write(0xE1);
        out.write(0xBE);
        out.write(0);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public long size() {
        return out.size();
    }

    /** Frames one record's bytes into chunks. */
    public WandbLogWriter record(byte[] data) {
        int pos = 0;
        boolean first = true;
        do {
            int left = BLOCK - out.size() % BLOCK;
            if (left < 7) {
                out.writeBytes(new byte[left]);
                paddings++;
                left = BLOCK;
            }
            if (first) {
                recordOffsets.add((long) out.size());
            }
            int room = left - 7;
            int n = Math.min(room, data.length - pos);
            boolean last = pos + n == data.length;
            int type = first && last ? 1 : first ? 2 : last ? 4 : 3;
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(data, pos, n);
            ByteBuffer header = ByteBuffer.allocate(7).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt((int) crc.getValue()).putShort((short) n).put((byte) type);
            out.writeBytes(header.array());
            out.write(data, pos, n);
            pos += n;
            first = false;
        } while (pos < data.length);
        return this;
    }

    // --- protobuf messages, field by field ---

    /** A message written by {@code body}. */
    public static byte[] message(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream coded = CodedOutputStream.newInstance(bytes);
        try {
            body.write(coded);
            coded.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    /** A Record whose oneof field {@code field} holds {@code inner}. */
    public static byte[] recordOf(int field, byte[] inner) {
        return message(o -> o.writeByteArray(field, inner));
    }

    /** An item (HistoryItem, SummaryItem, ConfigItem): its path as nested_key (2), as wandb-core writes, or its key (1). */
    public static byte[] item(String key, String valueJson, boolean nested) {
        return message(o -> {
            if (nested) {
                for (String part : key.split("\\.")) {
                    o.writeString(2, part);
                }
            } else {
                o.writeString(1, key);
            }
            o.writeString(16, valueJson);
        });
    }

    /** A HistoryRecord (Record field 2) of items {@code key, value_json, ...}, as wandb-core writes them. */
    public static byte[] history(long step, String... keyValues) {
        byte[] history = message(o -> {
            for (int i = 0; i < keyValues.length; i += 2) {
                o.writeByteArray(1, item(keyValues[i], keyValues[i + 1], true));
            }
            o.writeByteArray(2, message(s -> s.writeInt64(1, step)));
        });
        return recordOf(2, history);
    }

    /** A ConfigRecord (Record field 5) or the config of a RunRecord: updates {@code key, value_json, ...}. */
    public static byte[] configBody(String... keyValues) {
        return message(o -> {
            for (int i = 0; i < keyValues.length; i += 2) {
                o.writeByteArray(1, item(keyValues[i], keyValues[i + 1], false));
            }
        });
    }

    public static byte[] summary(String... keyValues) {
        return recordOf(3, configBody(keyValues));
    }

    /** An OutputRecord (Record field 4): STDOUT, a line. */
    public static byte[] output(String line) {
        return recordOf(4, message(o -> {
            o.writeEnum(1, 1);
            o.writeString(3, line);
        }));
    }

    /** A StatsRecord (Record field 7) with one item. */
    public static byte[] stats(String key, String valueJson) {
        return recordOf(
                7,
                message(o -> o.writeByteArray(3, message(i -> {
                    i.writeString(1, key);
                    i.writeString(16, valueJson);
                }))));
    }

    /** A HeaderRecord (Record field 21) with the producer version. */
    public static byte[] header(String producer) {
        return recordOf(21, message(o -> o.writeByteArray(1, message(v -> v.writeString(1, producer)))));
    }

    /** A RunRecord (Record field 17). */
    public static byte[] run(String runId, String project, String displayName, long startSeconds, byte[] config) {
        return recordOf(17, message(o -> {
            o.writeString(1, runId);
            o.writeString(3, project);
            o.writeByteArray(4, config);
            o.writeString(8, displayName);
            o.writeString(13, "private-host"); // host: never imported
            o.writeByteArray(17, message(t -> t.writeInt64(1, startSeconds)));
        }));
    }

    /** A TelemetryRecord (Record field 11). */
    public static byte[] telemetry(String python, String cli) {
        return recordOf(11, message(o -> {
            o.writeString(4, python);
            o.writeString(5, cli);
        }));
    }

    /** An EnvironmentRecord (Record field 26), with personal fields that must never be imported. */
    public static byte[] environment() {
        return recordOf(26, message(o -> {
            o.writeString(1, "Linux-6.8.0-x86_64-with-glibc2.39");
            o.writeString(2, "3.12.3");
            o.writeString(5, "--secret-argument");
            o.writeString(10, "someone@example.org");
            o.writeString(12, "private-host");
            o.writeString(13, "someone");
            o.writeUInt32(16, 8);
            o.writeString(18, "NVIDIA A100-SXM4-40GB");
            o.writeUInt32(19, 1);
        }));
    }

    /** A RunExitRecord (Record field 18). */
    public static byte[] exit(int code, int runtime) {
        return recordOf(18, message(o -> {
            o.writeInt32(1, code);
            o.writeInt32(2, runtime);
        }));
    }
}
