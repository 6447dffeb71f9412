package org.physicsofai.atlas.trace;

import java.util.Locale;

/** How an evidence link bears on its object, and on which side of the balance it counts. */
public enum Stance {
    SUPPORTS(Polarity.SUPPORTING),
    EXPLAINS(Polarity.SUPPORTING),
    REFINES(Polarity.SUPPORTING),
    /** An evidence link of no declared kind ({@code atlas:evidence} itself). */
    EVIDENCE(Polarity.SUPPORTING),
    QUALIFIES(Polarity.QUALIFYING),
    DISPUTES(Polarity.DISPUTING);

    /**
     * Which side of a balance a stance falls on. A qualifying link limits where its object holds: it
     * is neither for nor against, and is counted apart.
     */
    public enum Polarity {
        SUPPORTING,
        QUALIFYING,
        DISPUTING;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Polarity polarity;

    Stance(Polarity polarity) {
        this.polarity = polarity;
    }

    public Polarity polarity() {
        return polarity;
    }

    /** The name used in answers: the link's local name, such as {@code supports}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
