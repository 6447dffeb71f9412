package org.physicsofai.atlas.importers.wandb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The framing of {@code .wandb} files, on logs that {@link WandbLogWriter} builds to wandb's specification. */
class TransactionLogTest {

    @Test
    void theChecksumIsZlibsCrc32SeededWithTheTypeByte() {
        // Known answer from Python: zlib.crc32(b"hello", zlib.crc32(b"\x01")) == 0x8aac239d, what
        // wandb's datastore.py computes for a FULL chunk holding "hello".
        CRC32 crc = new CRC32();
        crc.update(1);
        crc.update("hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(crc.getValue()).isEqualTo(0x8aac239dL);
        byte[] file = new WandbLogWriter()
                .record("hello".getBytes(StandardCharsets.US_ASCII))
                .bytes();
        assertThat(Arrays.copyOfRange(file, 7, 11)).containsExactly(0x9d, 0x23, 0xac, 0x8a);
    }

    @Test
    void recordsAcrossBlocksPaddingAndChunkTypesComeBackWhole() throws Exception {
        WandbLogWriter writer = new WandbLogWriter();
        byte[] big = new byte[80_000]; // FIRST, MIDDLE, LAST
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        writer.record("a".getBytes(StandardCharsets.US_ASCII));
        writer.record(big);
        // fill the third block up to 3 bytes before its end: the next record starts after zero padding
        long toEnd = WandbLogWriter.BLOCK - writer.size() % WandbLogWriter.BLOCK;
        writer.record(new byte[(int) toEnd - 7 - 3]);
        writer.record("after the padding".getBytes(StandardCharsets.US_ASCII));
        assertThat(writer.paddings).isEqualTo(1);

        TransactionLog.Contents contents = TransactionLog.read(writer.bytes());

        assertThat(contents.truncatedAt()).isEqualTo(-1);
        assertThat(contents.entries()).hasSize(4);
        assertThat(contents.entries().get(1).payload()).isEqualTo(big);
        assertThat(contents.entries().get(3).payload()).asString().isEqualTo("after the padding");
        assertThat(contents.entries().stream().map(TransactionLog.Entry::offset))
                .containsExactlyElementsOf(writer.recordOffsets);
    }

    @Test
    void aCorruptChunkIsRefusedAtItsOffset() {
        WandbLogWriter writer = new WandbLogWriter();
        writer.record(new byte[40_000]).record("second".getBytes(StandardCharsets.US_ASCII));
        byte[] file = writer.bytes();
        file[WandbLogWriter.BLOCK + 100] ^= 1; // inside the LAST chunk of the first record

        assertThatThrownBy(() -> TransactionLog.read(file))
                .isInstanceOf(TransactionLog.LogProblem.class)
                .hasMessageContaining("checksum mismatch")
                .satisfies(e ->
                        assertThat(((TransactionLog.LogProblem) e).offset()).isEqualTo(WandbLogWriter.BLOCK));
    }

    @Test
    void aWrongHeaderOrAMisplacedChunkIsRefused() {
        byte[] notALog = "{\"loss\": 1}".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> TransactionLog.read(notALog)).hasMessageContaining("does not start with the header");
        byte[] version = new WandbLogWriter().bytes();
        version[6] = 1;
        assertThatThrownBy(() -> TransactionLog.read(version)).hasMessageContaining("version 1");
        // a LAST chunk alone: the first 32 KiB of a two-block record cut away
        WandbLogWriter writer = new WandbLogWriter();
        writer.record(new byte[40_000]);
        byte[] file = writer.bytes();
        byte[] lastOnly = Arrays.copyOf(new WandbLogWriter().bytes(), 7 + file.length - WandbLogWriter.BLOCK);
        System.arraycopy(file, WandbLogWriter.BLOCK, lastOnly, 7, file.length - WandbLogWriter.BLOCK);
        assertThatThrownBy(() -> TransactionLog.read(lastOnly))
                .hasMessageContaining("a LAST chunk without the FIRST chunk");
    }

    @Test
    void aFileCutInsideARecordGivesTheRecordsBeforeIt() throws Exception {
        WandbLogWriter writer = new WandbLogWriter();
        writer.record("one".getBytes(StandardCharsets.US_ASCII)).record(new byte[50_000]);
        byte[] cut = Arrays.copyOf(writer.bytes(), WandbLogWriter.BLOCK + 20);

        TransactionLog.Contents contents = TransactionLog.read(cut);

        assertThat(contents.entries()).hasSize(1);
        assertThat(contents.truncatedAt()).isEqualTo(writer.recordOffsets.get(1));
    }
}
