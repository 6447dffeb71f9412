package org.physicsofai.atlas.web.e2e;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Reads back what was painted on the canvases inside an element. */
final class Pixels {

    private Pixels() {}

    /** The number of pixels that are not transparent on the canvases inside the element. */
    static long painted(WebDriver driver, WebElement element) {
        return count(driver, element, null);
    }

    /**
     * The number of pixels within a small distance of the given CSS colour ({@code rgb(r, g, b)}) on
     * the canvases inside the element: the strokes of a line drawn in that colour.
     */
    static long inColour(WebDriver driver, WebElement element, String cssColour) {
        return count(driver, element, cssColour);
    }

    private static long count(WebDriver driver, WebElement element, String cssColour) {
        Object n = ((JavascriptExecutor) driver).executeScript("""
                        const [root, colour] = arguments;
                        let want = null;
                        if (colour) {
                          const m = colour.match(/\\d+/g).map(Number);
                          want = m.slice(0, 3);
                        }
                        let count = 0;
                        for (const canvas of root.querySelectorAll('canvas')) {
                          if (canvas.width === 0 || canvas.height === 0) continue;
                          const context = canvas.getContext('2d');
                          if (!context) continue;
                          const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
                          for (let i = 0; i < data.length; i += 4) {
                            if (data[i + 3] === 0) continue;
                            if (!want) { count++; continue; }
                            if (Math.abs(data[i] - want[0]) < 40 && Math.abs(data[i + 1] - want[1]) < 40
                                && Math.abs(data[i + 2] - want[2]) < 40 && data[i + 3] > 100) count++;
                          }
                        }
                        return count;
                        """, element, cssColour);
        return ((Number) n).longValue();
    }
}
