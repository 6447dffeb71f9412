package org.physicsofai.atlas.web.e2e;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each browser test: fails a test that passed but left errors in the browser's console (script
 * errors, failed loads, Content-Security-Policy violations), and keeps a screenshot, the page source and
 * the console errors of every failed test in {@code target/e2e-screenshots/}, named after the test.
 */
public final class FailureRecorder implements AfterTestExecutionCallback {

    /** Relative to the module, where Maven runs the tests. */
    static final Path DIRECTORY = Path.of("target", "e2e-screenshots");

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        if (!(context.getRequiredTestInstance() instanceof BrowserTest test) || !test.started()) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName();
        if (context.getExecutionException().isPresent()) {
            test.consoleErrors();
            test.record(DIRECTORY, name);
            return;
        }
        List<String> errors = test.consoleErrors();
        if (!errors.isEmpty()) {
            test.record(DIRECTORY, name);
            throw new AssertionError("The browser reported errors on the pages visited (see "
                    + DIRECTORY.resolve(name + ".png") + "):\n  " + String.join("\n  ", errors));
        }
    }
}
