package org.physicsofai.atlas.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.physicsofai.atlas.web.account.Role;

/** A curator uploads a training log and sees its curves drawn on the run's page. */
class CurvesJourneyTest extends BrowserTest {

    /** A real MLflow store shared with the importers' tests: one run that logged loss and accuracy once. */
    private static final Path MLRUNS = Path.of("../importers/src/test/resources/fixtures/mlflow-deepcnn/mlruns");

    /** The id of the fixture's one run. */
    private static final String RUN_ID = "cb0096518b0e4c66a94428555f05420b";

    /** The logs travel through the import page, as a person uploads them. */
    private final LogUpload upload = new PageLogUpload();

    @Test
    void anUploadedCsvLogShowsEveryMetricAsALineOnTheRunPage(@TempDir Path logs) throws IOException {
        signInAs("e2e-curves-curator", Role.CURATOR);
        Path run = logs.resolve("e2e-grokking-run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("metrics.csv"), grokkingLog());
        String iri = upload.upload(this, run, "browser journey of a csv log");

        Set<String> drawn = openRunAndCheckCharts(iri, 300);

        assertThat(drawn).containsExactlyInAnyOrder("train_loss", "val_loss", "train_accuracy", "val_accuracy");
    }

    @Test
    void anUploadedMlflowStoreShowsItsMetricsUnderTheirOwnNames(@TempDir Path copy) throws IOException {
        signInAs("e2e-curves-curator", Role.CURATOR);
        Path mlruns = withRunId(MLRUNS, copy.resolve("mlruns"), RUN_ID, "e2e" + RUN_ID.substring(3));
        String iri = upload.upload(this, mlruns, "browser journey of an mlflow store");
        assertThat(iri).endsWith("e2e" + RUN_ID.substring(3));

        // Each metric of this run has one point: drawn as a dot rather than a line.
        Set<String> drawn = openRunAndCheckCharts(iri, 10);

        assertThat(drawn).isEqualTo(metricsOfTheFixture()).isNotEmpty();
    }

    /**
     * Opens the run's page and checks each chart: its legend names the series of its table in order,
     * it did not fail to load, and each series' colour is painted on the canvas. Answers the names.
     */
    private Set<String> openRunAndCheckCharts(String run, long leastPixelsPerSeries) {
        open("/run?iri=" + URLEncoder.encode(run, StandardCharsets.UTF_8));
        List<WebElement> figures = browser().findElements(By.cssSelector("#curves figure.curve-chart"));
        assertThat(figures).as("charts on the run page").isNotEmpty();

        Set<String> drawn = new TreeSet<>();
        for (WebElement figure : figures) {
            String id = figure.getAttribute("id");
            List<WebElement> rows = figure.findElements(By.cssSelector("tr.series"));
            List<String> names =
                    rows.stream().map(row -> row.getAttribute("data-label")).toList();
            WebElement chart = visible(By.cssSelector("#" + id + " .chart-area .uplot"));
            List<String> legend =
                    chart.findElements(By.cssSelector(".u-legend tr.u-series:not(:first-child) th")).stream()
                            .map(th -> th.getText().strip())
                            .toList();
            assertThat(legend).as("the legend of %s", id).containsExactlyElementsOf(names);
            assertThat(figure.findElement(By.cssSelector(".chart-status")).getText())
                    .as("the status of %s", id)
                    .isEmpty();
            for (WebElement row : rows) {
                String colour = row.findElement(By.cssSelector("td.swatch")).getCssValue("border-left-color");
                new WebDriverWait(browser(), WAIT)
                        .withMessage("the series " + row.getAttribute("data-label") + " painted in " + colour)
                        .until(d -> Pixels.inColour(d, chart, colour) >= leastPixelsPerSeries);
            }
            drawn.addAll(legend);
        }
        return drawn;
    }

    /** A grokking-shaped log: training fits early, validation catches up late. */
    private static String grokkingLog() {
        StringBuilder csv = new StringBuilder("step,train_loss,val_loss,train_accuracy,val_accuracy\n");
        for (int step = 0; step < 3000; step += 5) {
            double train = Math.exp(-step / 200.0);
            double val = step < 1800 ? 2.5 - step / 3000.0 : 0.1 + 1.3 * Math.exp(-(step - 1800) / 150.0);
            double trainAccuracy = Math.min(1.0, step / 400.0);
            double valAccuracy = step < 1800 ? 0.05 : Math.min(1.0, 0.05 + (step - 1800) / 300.0);
            csv.append(step)
                    .append(',')
                    .append(train)
                    .append(',')
                    .append(val)
                    .append(',')
                    .append(trainAccuracy)
                    .append(',')
                    .append(valAccuracy)
                    .append('\n');
        }
        return csv.toString();
    }

    /**
     * Copies an MLflow store, giving one run another id (in folder names and files alike), so that this
     * run does not meet the imports of the same fixture by other tests of the shared application.
     */
    private static Path withRunId(Path store, Path target, String id, String newId) throws IOException {
        try (Stream<Path> files = Files.walk(store)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(store.relativize(file).toString().replace(id, newId));
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.writeString(to, Files.readString(file).replace(id, newId));
                }
            }
        }
        return target;
    }

    private static Set<String> metricsOfTheFixture() throws IOException {
        try (Stream<Path> files = Files.walk(MLRUNS)) {
            return files.filter(f -> f.getParent().getFileName().toString().equals("metrics"))
                    .map(f -> f.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
