package org.physicsofai.atlas.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates that read run settings from folder names, and the runs an import gives them to. */
class PathTemplateTest {

    @Test
    void aFolderNameGivesTypedValuesAndTheRunsOwnFolderIsTriedFirst() {
        PathTemplate template = PathTemplate.parse("Exp_{index}_{optimizer}_{width}_{dropout}");

        assertThat(template.fields()).containsExactly("index", "optimizer", "width", "dropout");
        assertThat(template.match("Exp_3_adam_64_0.2"))
                .containsExactly(
                        Map.entry("index", 3L),
                        Map.entry("optimizer", "adam"),
                        Map.entry("width", 64L),
                        Map.entry("dropout", 0.2));
        assertThat(template.match("Exp_3_adam_64")).isEmpty();
        assertThat(template.match(List.of("sweeps", "Exp_1_sgd_32_0.5", "version_0")))
                .containsEntry("optimizer", "sgd")
                .containsEntry("dropout", 0.5);
        assertThat(PathTemplate.isIndex("index")).isTrue();
        assertThat(PathTemplate.isIndex("width")).isFalse();
        assertThat(PathTemplate.parse("lr{lr}-wd{_}").match("lr0.001-wd1e-4")).containsExactly(Map.entry("lr", 0.001));
    }

    @Test
    void aTemplateThatCannotWorkIsRefusedSayingWhy() {
        assertThatThrownBy(() -> PathTemplate.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> PathTemplate.parse("Exp_{width}{depth}")).hasMessageContaining("between them");
        assertThatThrownBy(() -> PathTemplate.parse("a/{b}")).hasMessageContaining("without '/'");
        assertThatThrownBy(() -> PathTemplate.parse("Exp_{w}_{w}")).hasMessageContaining("twice");
        assertThatThrownBy(() -> PathTemplate.parse("Exp_{1x}")).hasMessageContaining("not a field name");
        assertThatThrownBy(() -> PathTemplate.parse("Exp_{w")).hasMessageContaining("Unbalanced");
        assertThatThrownBy(() -> PathTemplate.parse("Exp")).hasMessageContaining("names no field");
    }

    @Test
    void aRunGetsTheValuesOfItsFolderAndARunOfOneFileThoseOfItsName() {
        PathTemplate template = PathTemplate.parse("Exp_{index}_{optimizer}_{width}_{dropout}");
        RunData inFolder = run(
                List.of(
                        "grid.zip/grid/Exp_2_adam_128_0.1/version_0/metrics.csv",
                        "grid.zip/grid/Exp_2_adam_128_0.1/version_0/hparams.yaml"),
                Map.of("width", 128L, "lr", 0.01));
        RunData file = run(List.of("logs/Exp_5_sgd_16_0.0.csv"), Map.of());
        RunData none = run(List.of("logs/other/metrics.csv"), Map.of());
        List<String> notes = new java.util.ArrayList<>();

        assertThat(Importer.withPathValues(inFolder, template, notes).config())
                .containsEntry("width", 128L)
                .containsEntry("dropout", 0.1)
                .containsEntry("optimizer", "adam")
                .containsEntry("lr", 0.01);
        assertThat(Importer.withPathValues(file, template, notes).config())
                .containsEntry("index", 5L)
                .containsEntry("dropout", 0.0);
        assertThat(Importer.withPathValues(none, template, notes)).isSameAs(none);
        assertThat(notes).singleElement().asString().contains("no folder or file name matches");
    }

    private static RunData run(List<String> paths, Map<String, Object> config) {
        return new RunData(
                "r",
                "run",
                null,
                null,
                null,
                null,
                config,
                List.of(),
                paths.stream()
                        .map(p -> new LogFileRef(p, "sha256:0", ImportFormat.CSV))
                        .toList(),
                null);
    }
}
