package io.juxta.magics;

import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.Session;
import io.juxta.magics.spec.MagicArgs;
import io.juxta.magics.spec.MagicSpec;

/**
 * One call of a magic.
 *
 * @param cellForm whether it was written {@code %%name} (then {@code body} is the rest of the cell)
 * @param body     the cell body for the cell form, "" for the line form
 * @param cells    runs a piece of cell text the way a cell is run (Java and line magics)
 */
public record Invocation(MagicSpec spec, boolean cellForm, MagicArgs args, String body, Session session, CellRunner cells) {

    /** Runs cell text (Java, line magics and {@code !} lines) against a session. */
    @FunctionalInterface
    public interface CellRunner {
        Object runWith(String cellText, Session session) throws CellError;
    }

    /** Runs cell text in this call's session, the way a cell is run. */
    public Object runCell(String cellText) throws CellError {
        return cells.runWith(cellText, session);
    }

    /** The Java code the magic acts on: the cell body in cell form, else the rest of the line. */
    public String code() {
        return cellForm ? body : args.rest();
    }
}
