package org.physicsofai.atlas.importers.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing as TensorBoard writes it: {@code uint64 length}, {@code uint32
 * masked_crc32c(length)}, {@code length} bytes of data, {@code uint32 masked_crc32c(data)}, all
 * little-endian. CRC-32C is the Castagnoli polynomial, masked as {@code ((crc >>> 15) | (crc << 17))
 * + 0xa282ead8}.
 */
final class TfRecords {

    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecords() {}

    /** A record that is cut short or fails a checksum; {@code record} counts from 1. */
    static final class RecordProblem extends Exception {
        private final long record;

        RecordProblem(long record, String message) {
            super(message);
            this.record = record;
        }

        long record() {
            return record;
        }
    }

    interface RecordSink {
        void record(long number, ByteBuffer data) throws RecordProblem;
    }

    static void read(byte[] file, RecordSink sink) throws RecordProblem {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long number = 0;
        while (in.hasRemaining()) {
            number++;
            if (in.remaining() < 12) {
                throw new RecordProblem(
                        number,
                        "truncated record: " + in.remaining() + " bytes left where a 12-byte" + " header was expected");
            }
            int headerAt = in.position();
            long length = in.getLong();
            int lengthCrc = in.getInt();
            if (lengthCrc != masked(file, headerAt, 8)) {
                throw new RecordProblem(number, "bad CRC-32C of the record length");
            }
            if (length < 0 || length > in.remaining() - 4L) {
                throw new RecordProblem(
                        number,
                        "truncated record: it claims " + length + " bytes but " + Math.max(0, in.remaining() - 4)
                                + " remain");
            }
            int dataAt = in.position();
            ByteBuffer data = ByteBuffer.wrap(file, dataAt, (int) length).slice();
            in.position(dataAt + (int) length);
            int dataCrc = in.getInt();
            if (dataCrc != masked(file, dataAt, (int) length)) {
                throw new RecordProblem(number, "bad CRC-32C of the record data");
            }
            sink.record(number, data);
        }
    }

    static int masked(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }
}
