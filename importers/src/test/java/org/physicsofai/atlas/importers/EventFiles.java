package org.physicsofai.atlas.importers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.physicsofai.atlas.importers.tensorboard.proto.Event;
import org.physicsofai.atlas.importers.tensorboard.proto.Summary;

/**
 * Writes TensorBoard event files as {@code tensorboard/summary/writer/record_writer.py} does: TFRecord
 * framing (little-endian length, masked CRC-32C of the length, the data, masked CRC-32C of the data),
 * a first {@code file_version: "brain.Event:2"} event, then one event per scalar with {@code
 * simple_value}, as PyTorch's and Lightning's {@code SummaryWriter} write them.
 */
final class EventFiles {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    EventFiles(double wallTime) {
        record(Event.newBuilder()
                .setWallTime(wallTime)
                .setFileVersion("brain.Event:2")
                .build()
                .toByteArray());
    }

    EventFiles scalar(double wallTime, long step, String tag, float value) {
        return event(Event.newBuilder()
                .setWallTime(wallTime)
                .setStep(step)
                .setSummary(Summary.newBuilder()
                        .addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(value)))
                .build());
    }

    EventFiles event(Event event) {
        record(event.toByteArray());
        return this;
    }

    Path write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(byte[] data) {
        byte[] length = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(data.length)
                .array();
        out.writeBytes(length);
        out.writeBytes(le(mask(length)));
        out.writeBytes(data);
        out.writeBytes(le(mask(data)));
    }

    private static byte[] le(int value) {
        return ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value)
                .array();
    }

    private static int mask(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    /** Zips a folder as {@code zip -r} does from its parent: every entry starts with the folder's name. */
    static Path zip(Path folder, Path zip) {
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
                var walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry(
                        folder.getParent().relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
