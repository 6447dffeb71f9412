package org.physicsofai.atlas.importers;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats the importers read, by the names the command line and the API use. */
public enum ImportFormat {
    MLFLOW,
    TENSORBOARD,
    WANDB,
    LIGHTNING,
    CSV,
    JSONL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code name}, or {@code null} for {@code auto}. */
    public static ImportFormat parse(String name) {
        if (name == null || name.equalsIgnoreCase("auto")) {
            return null;
        }
        return Arrays.stream(values())
                .filter(f -> f.label().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown format '" + name + "': use auto, "
                        + Arrays.stream(values()).map(ImportFormat::label).collect(Collectors.joining(", "))));
    }
}
