package org.physicsofai.atlas.importers.wandb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The framing of a W&amp;B transaction log ({@code run-<id>.wandb}), as wandb writes it and {@code
 * wandb sync} reads it: the LevelDB log format with a file header of its own and another checksum.
 *
 * <ul>
 *   <li>A 7-byte file header: the ident {@code :W&B}, the magic {@code 0xBEE1} (uint16,
 *       little-endian) and the version {@code 0}.
 *   <li>Then the file, counted from its first byte (header included), is cut into 32 KiB blocks.
 *       Each block holds chunks: a 7-byte chunk header (uint32 checksum, uint16 length, both
 *       little-endian, and a type byte: FULL 1, FIRST 2, MIDDLE 3, LAST 4) and that many bytes of
 *       payload. A chunk never crosses a block; when fewer than 7 bytes remain in a block, they are
 *       zero padding. A record is one FULL chunk, or a FIRST, any MIDDLE and a LAST chunk.
 *   <li>The checksum is the plain CRC-32 (IEEE, as {@code zlib.crc32}) of the type byte followed by
 *       the payload, unmasked: what wandb's writers compute (its Python {@code datastore.py}, and its
 *       Go writer with {@code CRCAlgoIEEE}), not LevelDB's masked CRC-32C.
 * </ul>
 *
 * Each record's bytes are one protobuf {@code wandb_internal.Record}. A chunk header that is all
 * zero at the start of a record marks a block wandb preallocated and never filled: the rest of the
 * block is skipped, as wandb's reader does. A file that ends inside a record (the run was still
 * being written, or stopped mid-write) yields the records before it and says where it was cut.
 */
final class TransactionLog {

    static final int BLOCK = 32 * 1024;
    static final int HEADER = 7;
    static final byte[] IDENT = ":W&B".getBytes(StandardCharsets.US_ASCII);
    static final int MAGIC = 0xBEE1;
    static final int VERSION = 0;

    static final int FULL = 1;
    static final int FIRST = 2;
    static final int MIDDLE = 3;
    static final int LAST = 4;

    private TransactionLog() {}

    /** One record's payload and the file offset of its first chunk header. */
    record Entry(long offset, byte[] payload) {}

    /**
     * The records of a log.
     *
     * @param entries every complete record, in file order
     * @param truncatedAt the offset of a record the file ends inside of, or {@code -1}
     */
    record Contents(List<Entry> entries, long truncatedAt) {}

    /** A file that is not a transaction log or holds a corrupt record; {@code offset} is a byte offset. */
    static final class LogProblem extends Exception {
        private final long offset;

        LogProblem(long offset, String message) {
            super(message);
            this.offset = offset;
        }

        long offset() {
            return offset;
        }
    }

    static boolean hasHeader(byte[] head) {
        return head.length >= HEADER
                && head[0] == IDENT[0]
                && head[1] == IDENT[1]
                && head[2] == IDENT[2]
                && head[3] == IDENT[3];
    }

    static Contents read(byte[] file) throws LogProblem {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < HEADER || !hasHeader(file)) {
            throw new LogProblem(0, "not a W&B transaction log: it does not start with the header ':W&B'");
        }
        int magic = in.getShort(4) & 0xffff;
        if (magic != MAGIC) {
            throw new LogProblem(4, String.format("not a W&B transaction log: magic 0x%04X, expected 0xBEE1", magic));
        }
        int version = file[6] & 0xff;
        if (version != VERSION) {
            throw new LogProblem(6, "transaction log version " + version + " is not one the Atlas reads (only 0)");
        }
        List<Entry> entries = new ArrayList<>();
        java.io.ByteArrayOutputStream pending = null;
        long pendingAt = -1;
        int pos = HEADER;
        while (pos < file.length) {
            int left = BLOCK - pos % BLOCK;
            if (left < HEADER) {
                for (int i = pos; i < Math.min(file.length, pos + left); i++) {
                    if (file[i] != 0) {
                        throw new LogProblem(i, "the padding at the end of a block is not zero");
                    }
                }
                pos += left;
                continue;
            }
            if (file.length - pos < HEADER) {
                return new Contents(entries, pending != null ? pendingAt : pos);
            }
            long checksum = in.getInt(pos) & 0xffffffffL;
            int length = in.getShort(pos + 4) & 0xffff;
            int type = file[pos + 6] & 0xff;
            if (checksum == 0 && length == 0 && type == 0 && pending == null) {
                pos += left; // a preallocated block that was never written
                continue;
            }
            if (type < FULL || type > LAST) {
                throw new LogProblem(pos, "unknown chunk type " + type + " (expected 1 to 4)");
            }
            if (HEADER + length > left) {
                throw new LogProblem(pos, "a chunk of " + length + " bytes would cross the end of its 32 KiB block");
            }
            if (pos + HEADER + length > file.length) {
                return new Contents(entries, pending != null ? pendingAt : pos);
            }
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(file, pos + HEADER, length);
            if (crc.getValue() != checksum) {
                throw new LogProblem(
                        pos,
                        String.format(
                                "checksum mismatch (stored 0x%08X, computed 0x%08X): the record is corrupt",
                                checksum, crc.getValue()));
            }
            switch (type) {
                case FULL -> {
                    requireNoPending(pending, pendingAt, pos);
                    entries.add(
                            new Entry(pos, java.util.Arrays.copyOfRange(file, pos + HEADER, pos + HEADER + length)));
                }
                case FIRST -> {
                    requireNoPending(pending, pendingAt, pos);
                    pending = new java.io.ByteArrayOutputStream();
                    pendingAt = pos;
                    pending.write(file, pos + HEADER, length);
                }
                default -> {
                    if (pending == null) {
                        throw new LogProblem(
                                pos,
                                (type == MIDDLE ? "a MIDDLE" : "a LAST")
                                        + " chunk without the FIRST chunk of its record");
                    }
                    pending.write(file, pos + HEADER, length);
                    if (type == LAST) {
                        entries.add(new Entry(pendingAt, pending.toByteArray()));
                        pending = null;
                        pendingAt = -1;
                    }
                }
            }
            pos += HEADER + length;
        }
        return new Contents(entries, pending != null ? pendingAt : -1);
    }

    private static void requireNoPending(Object pending, long pendingAt, int pos) throws LogProblem {
        if (pending != null) {
            throw new LogProblem(pos, "a new record starts before the record at byte " + pendingAt + " ended");
        }
    }
}
