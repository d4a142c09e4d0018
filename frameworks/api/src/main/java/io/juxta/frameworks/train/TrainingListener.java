package io.juxta.frameworks.train;

/** Hooks for progress bars and live plots; all methods run on the training thread. */
public interface TrainingListener {
    default void onStep(int epoch, long step, double loss) {}

    default void onEpoch(History.Epoch epoch) {}
}
