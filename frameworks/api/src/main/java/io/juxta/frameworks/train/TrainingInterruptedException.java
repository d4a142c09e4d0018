package io.juxta.frameworks.train;

/** The cell was interrupted during {@code fit}; the model keeps the weights of the last finished step. */
public class TrainingInterruptedException extends RuntimeException {
    private final transient History partial;

    public TrainingInterruptedException(History partial, long steps) {
        super("Training interrupted after " + steps + " steps; the model keeps the weights of the last finished step,"
                + " and model.history() what was recorded");
        this.partial = partial;
    }

    /** What was recorded before the interrupt. */
    public History partialHistory() { return partial; }
}
