package org.physicsofai.atlas.importers.lightning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.physicsofai.atlas.importers.ConfigValues;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.LenientYaml;
import org.physicsofai.atlas.importers.LogFileRef;
import org.physicsofai.atlas.importers.MetricData;
import org.physicsofai.atlas.importers.ReadContext;
import org.physicsofai.atlas.importers.RunData;
import org.physicsofai.atlas.importers.RunResult;
import org.physicsofai.atlas.importers.Slugs;
import org.physicsofai.atlas.importers.Utf8;
import org.physicsofai.atlas.importers.table.CsvReader;

/**
 * Reads a PyTorch Lightning {@code CSVLogger} folder ({@code version_<n>/}): {@code metrics.csv}
 * with its sparse rows (train-step rows leave the validation columns empty and the other way round),
 * the {@code step} column as the step, and {@code hparams.yaml} as the configuration, whose {@code
 * !!python/...} tags are read as plain values and never executed.
 */
public final class LightningReader {

    public void read(Path folder, ReadContext context) throws IOException {
        RunResult result = new RunResult();
        Path metricsFile = folder.resolve("metrics.csv");
        byte[] bytes = Files.readAllBytes(metricsFile);
        LogFileRef ref = context.file(metricsFile, bytes, ImportFormat.LIGHTNING);
        List<LogFileRef> files = new ArrayList<>(List.of(ref));
        List<MetricData> metrics = CsvReader.readTable(bytes, ref, result, List.of("epoch"));
        Map<String, Object> config = new TreeMap<>();
        Path hparams = folder.resolve("hparams.yaml");
        String hparamsHash = "";
        if (Files.isRegularFile(hparams, LinkOption.NOFOLLOW_LINKS)) {
            byte[] yaml = Files.readAllBytes(hparams);
            LogFileRef hparamsRef = context.file(hparams, yaml, ImportFormat.LIGHTNING);
            files.add(hparamsRef);
            hparamsHash = hparamsRef.hash();
            String text = Utf8.decode(yaml, hparamsRef.path(), result);
            try {
                Object loaded = text == null ? null : LenientYaml.load(text);
                if (loaded instanceof Map<?, ?> map) {
                    config.putAll(ConfigValues.flatten(map));
                } else if (loaded != null) {
                    result.problem(hparamsRef.path(), 1, "expected a YAML mapping of hyperparameters");
                }
            } catch (LenientYaml.YamlProblem e) {
                result.problem(hparamsRef.path(), e.line(), e.getMessage());
            }
        }
        if (!result.hasProblems()) {
            String version = context.folderName(folder);
            Path parent = folder.getParent();
            boolean named = parent != null
                    && !folder.equals(context.root())
                    && !(parent.equals(context.root()) && context.unpacked());
            String label = named ? context.folderName(parent) + "/" + version : version;
            // The version folder's own name, its hyperparameters and the first logged row: the same run
            // whether lightning_logs/, the version folder or a zip of either was imported.
            result.run(new RunData(
                    "lightning-"
                            + Slugs.digest(version + "\n" + hparamsHash + "\n" + CsvReader.firstLines(bytes, 2), 20),
                    label,
                    null,
                    null,
                    null,
                    null,
                    config,
                    metrics,
                    files,
                    null));
        }
        result.addTo(context);
    }
}
