package org.physicsofai.atlas.formula;

/** A formula that does not follow the expression syntax, with the column where it went wrong. */
public final class FormulaException extends IllegalArgumentException {

    private final int column;

    public FormulaException(String message, int column, String formula) {
        super(message + " at column " + column + " in: " + formula);
        this.column = column;
    }

    /** The 1-based column of the error. */
    public int column() {
        return column;
    }
}
