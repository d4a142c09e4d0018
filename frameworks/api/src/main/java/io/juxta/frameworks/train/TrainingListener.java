package io.juxta.frameworks.train;

import java.util.Map;

/** Hooks for progress bars and live plots; all methods run on the training thread. */
public interface TrainingListener {
    /** Before the first step: the size of the run, for a progress bar's total. */
    default void onStart(int epochs, int stepsPerEpoch, int batchSize) {}

    /** As {@link #onStart(int, int, int)}, with the rows of the data (the last batch of an epoch holds the rest). */
    default void onStart(int epochs, int stepsPerEpoch, int batchSize, int rows) { onStart(epochs, stepsPerEpoch, batchSize); }

    default void onStep(int epoch, long step, double loss) {}

    /** Each step with its metrics (means over the batch); by default forwards to {@link #onStep(int, long, double)}. */
    default void onStep(int epoch, long step, double loss, Map<String, Double> metrics) { onStep(epoch, step, loss); }

    default void onEpoch(History.Epoch epoch) {}

    /** After the last step, also when training failed or was interrupted. */
    default void onEnd(History history) {}
}
