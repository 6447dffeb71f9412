package org.physicsofai.atlas.importers.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.importers.ImportHarnessAccess;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.tensorboard.proto.Event;
import org.physicsofai.atlas.importers.tensorboard.proto.Summary;
import org.physicsofai.atlas.importers.tensorboard.proto.SummaryMetadata;
import org.physicsofai.atlas.importers.tensorboard.proto.TensorProto;
import org.physicsofai.atlas.importers.tensorboard.proto.TensorShapeProto;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.series.SeriesData;

/**
 * TensorBoard event files written here record by record, with every scalar encoding in use, one
 * record encoded by hand from the wire format (independent of the generated classes), and the events
 * an importer must skip.
 */
class TensorBoardImportTest {

    @TempDir
    Path directory;

    private ImportHarnessAccess atlas;

    @BeforeEach
    void open() {
        atlas = new ImportHarnessAccess(directory.resolve("data"));
    }

    @AfterEach
    void close() {
        atlas.close();
    }

    @Test
    void theMaskedCrcIsCrc32cWithTheTensorFlowMask() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        int crc = 0xE3069283; // CRC-32C check value of "123456789"
        assertThat(TfRecords.masked(check, 0, check.length)).isEqualTo(((crc >>> 15) | (crc << 17)) + 0xa282ead8);
    }

    @Test
    void everyScalarEncodingIsReadAndOtherEventsAreSkippedAndCounted() throws IOException {
        Path run = directory.resolve("logs/fit-1");
        ByteArrayOutputStream train = new ByteArrayOutputStream();
        record(
                train,
                Event.newBuilder()
                        .setWallTime(1.7e9)
                        .setFileVersion("brain.Event:2")
                        .build()
                        .toByteArray());
        record(
                train,
                Event.newBuilder()
                        .setWallTime(1.7e9)
                        .setGraphDef(ByteString.copyFromUtf8("graph"))
                        .build()
                        .toByteArray());
        // simple_value, with no step (proto3 leaves a zero step out): step 0.
        record(
                train,
                summary(
                        1.7e9 + 1,
                        0,
                        Summary.Value.newBuilder().setTag("epoch_loss").setSimpleValue(2.5f)));
        // TF2 Keras: tensor_content holding one little-endian float32.
        record(
                train,
                summary(
                        1.7e9 + 2,
                        1,
                        Summary.Value.newBuilder()
                                .setTag("epoch_loss")
                                .setMetadata(scalars())
                                .setTensor(TensorProto.newBuilder().setDtype(1).setTensorContent(floatBytes(1.25f)))));
        // tensor_content holding a float64.
        record(
                train,
                summary(
                        1.7e9 + 3,
                        2,
                        Summary.Value.newBuilder()
                                .setTag("epoch_loss")
                                .setMetadata(scalars())
                                .setTensor(TensorProto.newBuilder().setDtype(2).setTensorContent(doubleBytes(0.625)))));
        // tensorboardX new_style: float_val and double_val.
        record(
                train,
                summary(
                        1.7e9 + 4,
                        3,
                        Summary.Value.newBuilder()
                                .setTag("epoch_loss")
                                .setTensor(TensorProto.newBuilder().setDtype(1).addFloatVal(0.5f))));
        record(
                train,
                summary(
                        1.7e9 + 5,
                        4,
                        Summary.Value.newBuilder()
                                .setTag("epoch_loss")
                                .setTensor(TensorProto.newBuilder().setDtype(2).addDoubleVal(0.25))));
        // Skipped: hparams, an image, a histogram, a text tensor.
        record(
                train,
                summary(
                        1.7e9 + 6,
                        4,
                        Summary.Value.newBuilder()
                                .setTag("_hparams_/experiment")
                                .setMetadata(SummaryMetadata.newBuilder()
                                        .setPluginData(SummaryMetadata.PluginData.newBuilder()
                                                .setPluginName("hparams")))
                                .setTensor(TensorProto.newBuilder()
                                        .setDtype(7)
                                        .addStringVal(ByteString.copyFromUtf8("x")))));
        record(
                train,
                summary(
                        1.7e9 + 7,
                        4,
                        Summary.Value.newBuilder().setTag("img").setImage(ByteString.copyFromUtf8("png"))));
        record(
                train,
                summary(1.7e9 + 8, 4, Summary.Value.newBuilder().setTag("w").setHisto(ByteString.copyFromUtf8("h"))));
        record(
                train,
                summary(
                        1.7e9 + 9,
                        4,
                        Summary.Value.newBuilder()
                                .setTag("note")
                                .setTensor(TensorProto.newBuilder()
                                        .setDtype(7)
                                        .setTensorShape(TensorShapeProto.newBuilder()
                                                .addDim(TensorShapeProto.Dim.newBuilder()
                                                        .setSize(1)))
                                        .addStringVal(ByteString.copyFromUtf8("hello")))));
        write(run.resolve("train/events.out.tfevents.1700000000.host.1.0.v2"), train);

        ByteArrayOutputStream validation = new ByteArrayOutputStream();
        record(
                validation,
                Event.newBuilder()
                        .setWallTime(1.7e9)
                        .setFileVersion("brain.Event:2")
                        .build()
                        .toByteArray());
        record(validation, handEncodedEvent(1.7e9 + 10, 7, "epoch_accuracy", 0.875f));
        write(run.resolve("validation/events.out.tfevents.1700000000.host.1.1.v2"), validation);

        ImportReport report = atlas.run(directory.resolve("logs"));

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(report.formats()).containsExactly("tensorboard");
        assertThat(report.runs()).hasSize(1);
        assertThat(report.series()).hasSize(2);
        String loss = report.series().stream()
                .filter(s -> s.contains("epoch_loss"))
                .findFirst()
                .orElseThrow();
        SeriesData points = atlas.points(loss);
        assertThat(points.steps()).startsWith(0L, 1L, 2L, 3L, 4L);
        assertThat(Arrays.copyOf(points.values(), 5)).containsExactly(2.5, 1.25, 0.625, 0.5, 0.25);
        assertThat(points.wallTime(0)).isEqualTo(1.7e9 + 1);
        String accuracy = report.series().stream()
                .filter(s -> s.contains("epoch_accuracy"))
                .findFirst()
                .orElseThrow();
        assertThat(atlas.points(accuracy).steps()).containsExactly(7L);
        assertThat(atlas.points(accuracy).value(0)).isEqualTo(0.875);
        assertThat(atlas.objects(accuracy, Atlas.metricKey))
                .containsExactly(NodeFactory.createLiteralString("validation/epoch_accuracy"));
        assertThat(atlas.objects(accuracy, Atlas.observable))
                .containsExactly(
                        NodeFactory.createURI("https://w3id.org/physics-of-ai/id/observable/validation-accuracy"));
        assertThat(report.skipped())
                .containsEntry("TensorBoard graph and run-metadata events", 1)
                .containsEntry("TensorBoard hyperparameter domain descriptions (_hparams_/experiment)", 1)
                .containsEntry("TensorBoard image, histogram and audio values", 2)
                .containsEntry("TensorBoard text and other non-scalar tensors", 1);
    }

    @Test
    void aBadChecksumOrATruncatedRecordLeavesTheRunOutAndNamesTheRecord() throws IOException {
        ByteArrayOutputStream good = new ByteArrayOutputStream();
        record(good, Event.newBuilder().setFileVersion("brain.Event:2").build().toByteArray());
        record(good, summary(1.7e9, 1, Summary.Value.newBuilder().setTag("loss").setSimpleValue(1f)));
        byte[] bytes = good.toByteArray();
        byte[] corrupt = bytes.clone();
        corrupt[corrupt.length - 6] ^= 0x40; // a bit of the second record's data
        Files.createDirectories(directory.resolve("a"));
        Files.write(directory.resolve("a/events.out.tfevents.1.host.1.0"), corrupt);
        Files.createDirectories(directory.resolve("b"));
        Files.write(directory.resolve("b/events.out.tfevents.1.host.1.0"), Arrays.copyOf(bytes, bytes.length - 3));

        ImportReport report = atlas.run(directory.resolve("a"), directory.resolve("b"));

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.FAILED);
        assertThat(report.problems())
                .extracting(Object::toString)
                .anySatisfy(p ->
                        assertThat(p).isEqualTo("a/events.out.tfevents.1.host.1.0:2: bad CRC-32C of the record data"))
                .anySatisfy(p -> assertThat(p).startsWith("b/events.out.tfevents.1.host.1.0:2: truncated record"))
                .hasSize(2);
        assertThat(atlas.importContributions()).isZero();
    }

    private static SummaryMetadata scalars() {
        return SummaryMetadata.newBuilder()
                .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName("scalars"))
                .setDataClass(1)
                .build();
    }

    private static byte[] summary(double wallTime, long step, Summary.Value.Builder value) {
        Event.Builder event = Event.newBuilder()
                .setWallTime(wallTime)
                .setSummary(Summary.newBuilder().addValue(value));
        if (step != 0) {
            event.setStep(step);
        }
        return event.build().toByteArray();
    }

    /** Event{wall_time, step, summary{value{tag, simple_value}}} written byte by byte from the wire format. */
    private static byte[] handEncodedEvent(double wallTime, long step, String tag, float value) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        byte[] tagBytes = tag.getBytes(StandardCharsets.UTF_8);
        v.write(0x0a); // field 1 (tag), length-delimited
        v.write(tagBytes.length);
        v.writeBytes(tagBytes);
        v.write(0x15); // field 2 (simple_value), fixed32
        v.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(value)
                .array());
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(0x0a); // Summary field 1 (value)
        s.write(v.size());
        s.writeBytes(v.toByteArray());
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        e.write(0x09); // field 1 (wall_time), fixed64
        e.writeBytes(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(wallTime)
                .array());
        e.write(0x10); // field 2 (step), varint; small steps fit one byte
        e.write((int) step);
        e.write(0x2a); // field 5 (summary), length-delimited
        e.write(s.size());
        e.writeBytes(s.toByteArray());
        return e.toByteArray();
    }

    private static ByteString floatBytes(float f) {
        return ByteString.copyFrom(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(f)
                .array());
    }

    private static ByteString doubleBytes(double d) {
        return ByteString.copyFrom(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(d)
                .array());
    }

    /** TFRecord framing, written here independently of the reader. */
    private static void record(ByteArrayOutputStream out, byte[] data) {
        byte[] length = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(data.length)
                .array();
        out.writeBytes(length);
        out.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(mask(length))
                .array());
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(mask(data))
                .array());
    }

    private static int mask(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    private static void write(Path file, ByteArrayOutputStream bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes.toByteArray());
    }
}
