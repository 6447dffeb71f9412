package org.physicsofai.atlas.importers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.physicsofai.atlas.importers.tensorboard.proto.Event;
import org.physicsofai.atlas.importers.tensorboard.proto.Summary;

/**
 * Malformed inputs, at least twenty per importer format, written deterministically into a folder.
 * Each case names the file the importer must blame and a fragment of the message it must give.
 */
public final class HostileCorpus {

    /** Writes a case's files under a folder and answers what to import (a file or a folder). */
    public interface Writer {
        Path write(Path folder) throws IOException;
    }

    /**
     * @param format the format the case is imported as
     * @param name what the case is
     * @param blamed a fragment of the file name the report must blame
     * @param message a fragment (lower case) of the message the report must give
     */
    public record Case(ImportFormat format, String name, String blamed, String message, Writer writer) {
        @Override
        public String toString() {
            return format.label() + ": " + name;
        }
    }

    private static final String RUN_ID = "0123456789abcdef0123456789abcdef";
    private static final byte[] NOT_UTF8 = {'l', 'o', 's', 's', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'};

    private HostileCorpus() {}

    /** A YAML document whose aliases expand a billion times. */
    public static String billionLaughs() {
        StringBuilder yaml =
                new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(p);
            }
            yaml.append("]\n");
        }
        return yaml.toString();
    }

    public static String deepYaml(int depth) {
        return "a: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
    }

    public static String deepJson(int depth) {
        return "{\"a\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    /** Bytes that are neither text nor any format, the same on every run. */
    public static byte[] garbage(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        bytes[0] = (byte) 0xFE; // never a valid first byte of UTF-8, JSON or a CSV header
        return bytes;
    }

    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(mlflow());
        cases.addAll(tensorboard());
        cases.addAll(wandb());
        cases.addAll(lightning());
        cases.addAll(csv());
        cases.addAll(jsonl());
        return cases;
    }

    // ---- MLflow file store ----

    static List<Case> mlflow() {
        List<Case> c = new ArrayList<>();
        c.add(mlMetric("empty metric file", "", "empty metric file"));
        c.add(mlMetric("truncated metric line", "1664364007310 3.27 0\n1664364007", "field"));
        c.add(mlMetric("value not a number", "1664364007310 abc 0\n", "abc"));
        c.add(mlMetric("NaN step", "1664364007310 1.0 NaN\n", "nan"));
        c.add(mlMetric("fractional step", "1664364007310 1.0 1.5\n", "1.5"));
        c.add(mlMetric("timestamp overflows", "99999999999999999999999 1.0 0\n", "99999999999999999999999"));
        c.add(mlMetric("too many fields", "1 2 3 4 5\n", "5 fields"));
        c.add(mlMetric("huge step", "1 1.0 " + "9".repeat(1 << 20) + "\n", ""));
        c.add(mlMetricBytes("binary garbage", garbage(4096, 1), ""));
        c.add(mlMetricBytes("not UTF-8", NOT_UTF8, ""));
        c.add(mlRunMeta("billion laughs in meta.yaml", billionLaughs(), "meta.yaml", "alias"));
        c.add(mlRunMeta(
                "python object tag in meta.yaml",
                runMeta().replace("status: 3", "status: !!python/object/apply:os.system [\"touch pwned\"]"),
                "meta.yaml",
                "status"));
        c.add(mlRunMeta("deep nesting in meta.yaml", deepYaml(5000), "meta.yaml", "nesting"));
        c.add(mlRunMeta("empty meta.yaml", "", "meta.yaml", "mapping"));
        c.add(mlRunMeta("meta.yaml a list", "- run_id\n- status\n", "meta.yaml", "mapping"));
        c.add(mlRunMeta("unknown status", runMeta().replace("status: 3", "status: 99"), "meta.yaml", "status"));
        c.add(mlRunMeta(
                "duplicate keys in meta.yaml", runMeta() + "run_id: " + RUN_ID + "\n", "meta.yaml", "duplicate"));
        c.add(mlRunMeta("unclosed quote in meta.yaml", runMeta() + "name: 'open\n", "meta.yaml", "yaml"));
        c.add(new Case(ImportFormat.MLFLOW, "binary meta.yaml", "meta.yaml", "", dir -> {
            Path store = mlflowStore(dir, runMeta(), "1 1.0 0\n");
            Files.write(store.resolve("0").resolve(RUN_ID).resolve("meta.yaml"), garbage(2048, 2));
            return store;
        }));
        c.add(new Case(ImportFormat.MLFLOW, "param not UTF-8", "params/lr", "utf-8", dir -> {
            Path store = mlflowStore(dir, runMeta(), "1 1.0 0\n");
            Files.write(store.resolve("0").resolve(RUN_ID).resolve("params/lr"), NOT_UTF8);
            return store;
        }));
        c.add(new Case(ImportFormat.MLFLOW, "tag file binary", "tags/mlflow.runName", "utf-8", dir -> {
            Path store = mlflowStore(dir, runMeta(), "1 1.0 0\n");
            Files.write(store.resolve("0").resolve(RUN_ID).resolve("tags/mlflow.runName"), garbage(512, 3));
            return store;
        }));
        return c;
    }

    private static String runMeta() {
        return "run_id: " + RUN_ID + "\nexperiment_id: '0'\nstatus: 3\nstart_time: 1664364007025\n"
                + "end_time: 1664364107025\nlifecycle_stage: active\n";
    }

    private static Path mlflowStore(Path dir, String runMeta, String loss) throws IOException {
        Path store = dir.resolve("mlruns");
        write(store.resolve("0/meta.yaml"), "experiment_id: '0'\nname: hostile\nlifecycle_stage: active\n");
        Path run = store.resolve("0").resolve(RUN_ID);
        write(run.resolve("meta.yaml"), runMeta);
        write(run.resolve("metrics/loss"), loss);
        write(run.resolve("params/lr"), "0.001");
        write(run.resolve("tags/mlflow.runName"), "hostile");
        return store;
    }

    private static Case mlMetric(String name, String lines, String message) {
        return new Case(ImportFormat.MLFLOW, name, "metrics/loss", message, dir -> mlflowStore(dir, runMeta(), lines));
    }

    private static Case mlMetricBytes(String name, byte[] bytes, String message) {
        return new Case(ImportFormat.MLFLOW, name, "metrics/loss", message, dir -> {
            Path store = mlflowStore(dir, runMeta(), "");
            Files.write(store.resolve("0").resolve(RUN_ID).resolve("metrics/loss"), bytes);
            return store;
        });
    }

    private static Case mlRunMeta(String name, String meta, String blamed, String message) {
        return new Case(ImportFormat.MLFLOW, name, blamed, message, dir -> mlflowStore(dir, meta, "1 1.0 0\n"));
    }

    // ---- TensorBoard event files ----

    static List<Case> tensorboard() {
        List<Case> c = new ArrayList<>();
        byte[] good = record(scalarEvent(1, "loss", 0.5f));
        c.add(tbRun("empty event file", new byte[0], "no scalar"));
        c.add(tb("five bytes", new byte[] {1, 2, 3, 4, 5}, "truncated"));
        c.add(tb("truncated header", slice(good, 0, 10), "truncated"));
        c.add(tb("truncated data", slice(good, 0, good.length - 6), "truncated"));
        c.add(tb("truncated data CRC", slice(good, 0, good.length - 2), "truncated"));
        byte[] badLengthCrc = good.clone();
        badLengthCrc[9] ^= 0x55;
        c.add(tb("bad length CRC", badLengthCrc, "crc"));
        byte[] badDataCrc = good.clone();
        badDataCrc[good.length - 1] ^= 0x55;
        c.add(tb("bad data CRC", badDataCrc, "crc"));
        byte[] flipped = good.clone();
        flipped[14] ^= 0x01;
        c.add(tb("flipped data bit", flipped, "crc"));
        c.add(tb("huge length with a valid CRC", header(Long.MAX_VALUE / 2), "truncated"));
        c.add(tb("negative length with a valid CRC", header(-1L), "truncated"));
        c.add(tb("length 4 GiB with a valid CRC", header(1L << 32), "truncated"));
        c.add(tb("binary garbage", garbage(8192, 4), "crc"));
        c.add(tb(
                "not a protocol buffer",
                record(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}),
                "protocol buffer"));
        c.add(tbRun(
                "wrong protocol buffer",
                record(Summary.Value.newBuilder()
                        .setTag("x")
                        .setSimpleValue(1)
                        .build()
                        .toByteArray()),
                "scalar"));
        c.add(tbRun(
                "only a file version",
                record(Event.newBuilder()
                        .setFileVersion("brain.Event:2")
                        .build()
                        .toByteArray()),
                "no scalar"));
        c.add(tb("deeply nested protocol buffer", record(nested(200)), "protocol buffer"));
        c.add(tb("string field not UTF-8", record(badTagEvent()), "protocol buffer"));
        c.add(tb("good record then garbage", concat(good, garbage(100, 5)), "crc"));
        c.add(tb("good record then a cut header", concat(good, slice(good, 0, 7)), "truncated"));
        c.add(tbRun("zero-length record", record(new byte[0]), "no scalar"));
        c.add(new Case(ImportFormat.TENSORBOARD, "hparams.yaml billion laughs", "hparams.yaml", "alias", dir -> {
            Path run = dir.resolve("tb-run");
            Files.createDirectories(run);
            Files.write(run.resolve("events.out.tfevents.1700000000.host.1.0"), good);
            write(run.resolve("hparams.yaml"), billionLaughs());
            return run;
        }));
        return c;
    }

    private static Case tb(String name, byte[] bytes, String message) {
        return tb(name, "tfevents", bytes, message);
    }

    /** A case the importer blames on the run folder: its event files hold no scalar at all. */
    private static Case tbRun(String name, byte[] bytes, String message) {
        return tb(name, "tb-run", bytes, message);
    }

    private static Case tb(String name, String blamed, byte[] bytes, String message) {
        return new Case(ImportFormat.TENSORBOARD, name, blamed, message, dir -> {
            Path run = dir.resolve("tb-run");
            Files.createDirectories(run);
            Files.write(run.resolve("events.out.tfevents.1700000000.host.1.0"), bytes);
            return run;
        });
    }

    private static byte[] scalarEvent(long step, String tag, float value) {
        return Event.newBuilder()
                .setWallTime(1_700_000_000.0 + step)
                .setStep(step)
                .setSummary(Summary.newBuilder()
                        .addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(value)))
                .build()
                .toByteArray();
    }

    /** An Event whose summary's value's tag holds bytes that are not UTF-8. */
    private static byte[] badTagEvent() {
        byte[] tag = {(byte) 0xC3, (byte) 0x28};
        byte[] value = concat(new byte[] {0x0A, (byte) tag.length}, tag); // Value.tag = 1
        byte[] summary = concat(new byte[] {0x0A, (byte) value.length}, value); // Summary.value = 1
        return concat(new byte[] {0x2A, (byte) summary.length}, summary); // Event.summary = 5
    }

    /** Event.summary (field 5) nesting Summary.value (field 1) nesting ... far beyond any schema. */
    private static byte[] nested(int depth) {
        byte[] inner = new byte[0];
        for (int i = 0; i < depth; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(i == depth - 1 ? 0x2A : 0x0A);
            writeVarint(out, inner.length);
            out.writeBytes(inner);
            inner = out.toByteArray();
        }
        return inner;
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    /** A TFRecord with a correct length, correct checksums and these bytes. */
    public static byte[] record(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(16 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        b.putInt(masked(b.array(), 0, 8));
        b.put(data);
        b.putInt(masked(data, 0, data.length));
        return b.array();
    }

    /** A record header claiming {@code length} bytes, with a correct checksum, and nothing after it. */
    private static byte[] header(long length) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(length);
        b.putInt(masked(b.array(), 0, 8));
        b.putInt(0);
        return b.array();
    }

    private static int masked(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    // ---- W&B run folders and chart exports ----

    static List<Case> wandb() {
        List<Case> c = new ArrayList<>();
        c.add(wbSummary("summary not JSON", "loss = 0.5", "wandb-summary.json", "json"));
        c.add(wbSummary("summary truncated", "{\"loss\": 0.5, \"acc", "wandb-summary.json", "json"));
        c.add(wbSummary("summary is an array", "[1, 2, 3]", "wandb-summary.json", "object"));
        c.add(wbSummary("summary deep nesting", deepJson(100_000), "wandb-summary.json", "nesting"));
        c.add(wbSummary("summary empty", "", "wandb-summary.json", ""));
        c.add(wbBytes("summary not UTF-8", "files/wandb-summary.json", NOT_UTF8, "wandb-summary.json", ""));
        c.add(wbBytes("summary binary", "files/wandb-summary.json", garbage(1024, 6), "wandb-summary.json", ""));
        c.add(wbBytes("metadata binary", "files/wandb-metadata.json", garbage(1024, 7), "wandb-metadata.json", ""));
        c.add(wbConfig("config billion laughs", billionLaughs(), "alias"));
        c.add(wbConfig("config deep nesting", deepYaml(5000), "nesting"));
        c.add(wbConfig("config duplicate keys", "lr:\n  value: 1\nlr:\n  value: 2\n", "duplicate"));
        c.add(wbConfig("config bad indentation", "lr:\n\tvalue: 1\n", "yaml"));
        c.add(wbBytes("config binary", "files/config.yaml", garbage(1024, 8), "config.yaml", ""));
        c.add(wbHistory("history truncated line", "{\"_step\": 0, \"loss\": 1.0}\n{\"_step\": 1, \"lo", "json"));
        c.add(wbHistory("history NaN step", "{\"_step\": NaN, \"loss\": 1.0}\n", "step"));
        c.add(wbHistory("history negative step", "{\"_step\": -3, \"loss\": 1.0}\n", "step"));
        c.add(wbHistory("history fractional step", "{\"_step\": 1.5, \"loss\": 1.0}\n", "step"));
        c.add(wbHistory("history line not an object", "[1, 2]\n", "object"));
        c.add(wbBytes("history binary", "wandb-history.jsonl", garbage(2048, 9), "wandb-history.jsonl", ""));
        c.add(wbChart("chart export unclosed quote", "Step,\"run - loss\n1,0.5\n", "no experiment output"));
        c.add(wbChart("chart export NaN step", "Step,run - loss\nNaN,0.5\n", "step"));
        c.add(wbChart("chart export negative step", "Step,run - loss\n-1,0.5\n", "step"));
        c.add(wbChart("chart export header only", "Step,run - loss\n", ""));
        c.add(wbChart("chart export ragged row", "Step,run - loss\n1,0.5,0.7,0.9\n", "field"));
        return c;
    }

    private static Path wandbRun(Path dir) throws IOException {
        Path run = dir.resolve("run-20250101_120000-hostile1");
        write(run.resolve("files/config.yaml"), "lr:\n  value: 0.001\n");
        write(run.resolve("files/wandb-summary.json"), "{\"loss\": 0.5, \"_step\": 2}");
        write(run.resolve("wandb-history.jsonl"), "{\"_step\": 0, \"loss\": 1.0}\n{\"_step\": 2, \"loss\": 0.5}\n");
        return run;
    }

    private static Case wbSummary(String name, String text, String blamed, String message) {
        return wbBytes(name, "files/wandb-summary.json", text.getBytes(StandardCharsets.UTF_8), blamed, message);
    }

    private static Case wbConfig(String name, String text, String message) {
        return wbBytes(name, "files/config.yaml", text.getBytes(StandardCharsets.UTF_8), "config.yaml", message);
    }

    private static Case wbHistory(String name, String text, String message) {
        return wbBytes(
                name, "wandb-history.jsonl", text.getBytes(StandardCharsets.UTF_8), "wandb-history.jsonl", message);
    }

    private static Case wbBytes(String name, String file, byte[] bytes, String blamed, String message) {
        return new Case(ImportFormat.WANDB, name, blamed, message, dir -> {
            Path run = wandbRun(dir);
            Files.write(run.resolve(file), bytes);
            return run;
        });
    }

    private static Case wbChart(String name, String text, String message) {
        return new Case(ImportFormat.WANDB, name, "chart.csv", message, dir -> write(dir.resolve("chart.csv"), text));
    }

    // ---- Lightning metrics.csv and hparams.yaml ----

    static List<Case> lightning() {
        List<Case> c = new ArrayList<>();
        c.add(plMetrics("metrics empty", "", "empty"));
        c.add(plMetrics("metrics header only", "step,epoch,train_loss\n", "no data rows"));
        c.add(plMetrics("metrics unclosed quote", "step,train_loss\n0,\"0.5\n1,0.4\n", "quote"));
        c.add(plMetricsBytes(
                "metrics not UTF-8",
                concat("step,train_loss\n0,0.5\n".getBytes(StandardCharsets.UTF_8), NOT_UTF8),
                "utf-8"));
        c.add(plMetricsBytes("metrics binary", garbage(4096, 10), ""));
        c.add(plMetrics("metrics NaN step", "step,train_loss\nNaN,0.5\n", "step"));
        c.add(plMetrics("metrics negative step", "step,train_loss\n-1,0.5\n", "step"));
        c.add(plMetrics("metrics fractional step", "step,train_loss\n1.5,0.5\n", "step"));
        c.add(plMetrics("metrics step overflows", "step,train_loss\n99999999999999999999999,0.5\n", "step"));
        c.add(plMetrics("metrics ragged row", "step,train_loss\n0,0.5,0.7,0.8\n", "field"));
        c.add(plMetrics("metrics no numeric column", "step,name\nfirst,alpha\nsecond,beta\n", "step"));
        c.add(plMetrics("metrics NUL bytes", "step,train_loss\n0,0.5\u0000\u0000\n", ""));
        c.add(plHparams("hparams billion laughs", billionLaughs(), "alias"));
        c.add(plHparams("hparams deep nesting", deepYaml(5000), "nesting"));
        c.add(plHparams("hparams a list", "- 1\n- 2\n", "mapping"));
        c.add(plHparams("hparams duplicate keys", "lr: 1\nlr: 2\n", "duplicate"));
        c.add(plHparams("hparams bad indentation", "lr:\n\t- 1\n", "yaml"));
        c.add(plHparams("hparams unclosed flow", "lr: [1, 2\n", "yaml"));
        c.add(plHparamsBytes(
                "hparams not UTF-8", concat("lr: 1\nname: ".getBytes(StandardCharsets.UTF_8), NOT_UTF8), "utf-8"));
        c.add(plHparamsBytes("hparams binary", garbage(2048, 11), ""));
        c.add(plHparams("hparams a bare scalar", "just text\n", "mapping"));
        return c;
    }

    private static Path lightningRun(Path dir, byte[] metrics, byte[] hparams) throws IOException {
        Path run = dir.resolve("lightning_logs/version_0");
        Files.createDirectories(run);
        Files.write(run.resolve("metrics.csv"), metrics);
        Files.write(run.resolve("hparams.yaml"), hparams);
        return dir.resolve("lightning_logs");
    }

    private static final byte[] GOOD_METRICS =
            "step,epoch,train_loss\n0,0,1.0\n1,0,0.5\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] GOOD_HPARAMS = "lr: 0.001\nwidth: 128\n".getBytes(StandardCharsets.UTF_8);

    private static Case plMetrics(String name, String text, String message) {
        return plMetricsBytes(name, text.getBytes(StandardCharsets.UTF_8), message);
    }

    private static Case plMetricsBytes(String name, byte[] bytes, String message) {
        return new Case(
                ImportFormat.LIGHTNING, name, "metrics.csv", message, dir -> lightningRun(dir, bytes, GOOD_HPARAMS));
    }

    private static Case plHparams(String name, String text, String message) {
        return plHparamsBytes(name, text.getBytes(StandardCharsets.UTF_8), message);
    }

    private static Case plHparamsBytes(String name, byte[] bytes, String message) {
        return new Case(
                ImportFormat.LIGHTNING, name, "hparams.yaml", message, dir -> lightningRun(dir, GOOD_METRICS, bytes));
    }

    // ---- generic CSV ----

    static List<Case> csv() {
        List<Case> c = new ArrayList<>();
        c.add(csvText("empty", "", "empty"));
        c.add(csvText("only whitespace", "   \n\n  \n", ""));
        c.add(csvText("header only", "step,loss\n", "no data rows"));
        c.add(csvText("unclosed quote", "step,loss\n0,\"0.5\n1,0.4\n", "quote"));
        c.add(csvBytes("not UTF-8", concat("step,loss\n0,0.5\n".getBytes(StandardCharsets.UTF_8), NOT_UTF8), "utf-8"));
        c.add(csvBytes("binary garbage", garbage(4096, 12), ""));
        c.add(csvBytes("byte-order mark only", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, ""));
        c.add(csvText("NaN step", "step,loss\nNaN,0.5\n", "step"));
        c.add(csvText("negative step", "step,loss\n-5,0.5\n", "step"));
        c.add(csvText("fractional step", "step,loss\n2.5,0.5\n", "step"));
        c.add(csvText("step overflows", "step,loss\n1e400,0.5\n", "step"));
        c.add(csvText("infinite step", "step,loss\nInfinity,0.5\n", "step"));
        c.add(csvText("ragged rows", "step,loss\n0,0.5,1,2\n", "field"));
        c.add(csvText("no numeric column", "name,colour\nalpha,red\nbeta,blue\n", "numeric"));
        c.add(csvText("NUL bytes", "step,loss\n0,\u0000\u0000\n", ""));
        c.add(csvText("empty header names", ",,\n1,2,3\n", ""));
        c.add(csvText("huge field", "step,loss\n0," + "7".repeat(2 << 20) + "x\n", ""));
        c.add(csvText("step not a number", "step,loss\nfirst,0.5\n", "step"));
        c.add(csvText("quote inside a field", "step,loss\n0,0\"5\n", "numeric"));
        c.add(csvText("duplicate header names", "step,loss,loss\n0,0.5,0.6\n", "loss"));
        return c;
    }

    private static Case csvText(String name, String text, String message) {
        return csvBytes(name, text.getBytes(StandardCharsets.UTF_8), message);
    }

    private static Case csvBytes(String name, byte[] bytes, String message) {
        return new Case(ImportFormat.CSV, name, "log.csv", message, dir -> {
            Path file = dir.resolve("log.csv");
            Files.createDirectories(dir);
            Files.write(file, bytes);
            return file;
        });
    }

    // ---- JSONL ----

    static List<Case> jsonl() {
        List<Case> c = new ArrayList<>();
        c.add(jsonlText("empty", "", "empty"));
        c.add(jsonlText("not JSON", "loss=0.5\n", "json"));
        c.add(jsonlText("truncated object", "{\"step\": 0, \"loss\": 0.5}\n{\"step\": 1, \"lo", "json"));
        c.add(jsonlText("an array line", "[0, 0.5]\n", "object"));
        c.add(jsonlText("deep nesting", deepJson(100_000) + "\n", "nesting"));
        c.add(jsonlText("NaN step", "{\"step\": NaN, \"loss\": 0.5}\n", "step"));
        c.add(jsonlText("negative step", "{\"step\": -1, \"loss\": 0.5}\n", "step"));
        c.add(jsonlText("fractional step", "{\"step\": 0.5, \"loss\": 0.5}\n", "step"));
        c.add(jsonlText("step a string", "{\"step\": \"one\", \"loss\": 0.5}\n", "step"));
        c.add(jsonlText("step overflows", "{\"step\": 99999999999999999999999, \"loss\": 0.5}\n", "step"));
        c.add(jsonlBytes(
                "not UTF-8",
                concat("{\"step\": 0, \"loss\": 0.5}\n".getBytes(StandardCharsets.UTF_8), NOT_UTF8),
                "utf-8"));
        c.add(jsonlBytes("binary garbage", garbage(4096, 13), ""));
        c.add(jsonlText("no numeric values", "{\"name\": \"a\"}\n{\"name\": \"b\"}\n", "numeric"));
        c.add(jsonlText("null line", "null\n", "object"));
        c.add(jsonlText("unterminated string", "{\"step\": 0, \"loss\": \"0.5}\n", "json"));
        c.add(jsonlText(
                "control characters in a string", "{\"step\": 0, \"lo\u0001ss\": 0.5, \"n\": \"a\u0000b\"}\n", "json"));
        c.add(jsonlText("two objects on a line", "{\"step\": 0, \"loss\": 0.5}{\"step\": 1, \"loss\": 0.4}\n", "json"));
        c.add(jsonlText("huge number", "{\"step\": 0, \"loss\": " + "9".repeat(2_000_000) + "}\n", ""));
        c.add(jsonlText("duplicate keys", "{\"step\": 0, \"loss\": 0.5, \"loss\": 0.6}\n", "loss"));
        c.add(jsonlText("trailing comma", "{\"step\": 0, \"loss\": 0.5,}\n", "json"));
        return c;
    }

    private static Case jsonlText(String name, String text, String message) {
        return jsonlBytes(name, text.getBytes(StandardCharsets.UTF_8), message);
    }

    private static Case jsonlBytes(String name, byte[] bytes, String message) {
        return new Case(ImportFormat.JSONL, name, "log.jsonl", message, dir -> {
            Path file = dir.resolve("log.jsonl");
            Files.createDirectories(dir);
            Files.write(file, bytes);
            return file;
        });
    }

    // ---- helpers ----

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] slice(byte[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }
}
