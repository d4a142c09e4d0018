package io.juxta.kernel.api;

/** Runs whole cells that are not plain Java, for example cells with magics. */
public interface CellHandler {
    /** Whether this handler runs the cell; cheap, called for every cell. */
    boolean accepts(String cell);

    /**
     * Runs the cell. Returns the cell's value, or {@link Session#NO_VALUE} when there is none.
     * A {@link CellError} is shown to the user as it is; any other exception is reported as a
     * failure of this handler, without a stack trace from inside it.
     */
    Object run(String cell, Session session) throws Exception;

    /**
     * The front end's is_complete for a cell this handler accepts: "complete", "incomplete" or "invalid".
     * {@code javaStatus} answers it for plain Java; by default the whole cell is taken as Java.
     */
    default String isComplete(String cell, Session session, java.util.function.UnaryOperator<String> javaStatus) {
        return javaStatus.apply(cell);
    }
}
