package org.physicsofai.atlas.web.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Uploads through the import page as a person does: chooses the file (or the folder, for several files),
 * names the experiment, reads the preview, imports, and follows the progress bar to the report, whose
 * first run it answers.
 */
final class PageLogUpload implements LogUpload {

    @Override
    public String upload(BrowserTest session, Path folder, String experiment) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        session.open("/import");
        if (files.size() == 1) {
            session.browser()
                    .findElement(By.id("import-files"))
                    .sendKeys(files.get(0).toAbsolutePath().toString());
        } else {
            session.browser()
                    .findElement(By.id("import-folder"))
                    .sendKeys(folder.toAbsolutePath().toString());
        }
        WebElement name = session.visible(By.id("import-experiment-name"));
        name.clear();
        name.sendKeys(experiment);
        session.clickAndWaitForPage(session.clickable(By.id("import-upload")));
        session.visible(By.id("import-runs"));
        session.clickAndWaitForPage(session.clickable(By.id("import-commit")));
        session.waiting().until(browser -> session.currentPath().endsWith("/report"));
        session.waitForDocument();
        return session.visible(By.cssSelector("#import-report-runs .import-report-run"))
                .getAttribute("data-run");
    }
}
