package org.physicsofai.atlas.trace;

import java.util.Locale;

/** Whether a hop walks along its statement (subject to object) or against it. */
public enum Direction {
    FORWARD,
    BACKWARD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
