package io.juxta.frameworks.train;

/** Learning rate per step; the training loop feeds it to the compiled step, so no retracing. */
@FunctionalInterface
public interface LrSchedule {
    /** @param step global step from 0; @param epoch epoch from 0 */
    double learningRate(double baseLr, long step, int epoch);

    static LrSchedule constant() { return (lr, step, epoch) -> lr; }

    /** Multiplies by {@code gamma} every {@code everyEpochs} epochs (PyTorch StepLR). */
    static LrSchedule step(int everyEpochs, double gamma) {
        if (everyEpochs <= 0) throw new IllegalArgumentException("everyEpochs must be positive, got " + everyEpochs);
        return (lr, step, epoch) -> lr * Math.pow(gamma, epoch / everyEpochs);
    }

    /** Cosine decay from the base rate to {@code minLr} over {@code totalSteps} steps, then flat (CosineAnnealingLR). */
    static LrSchedule cosine(long totalSteps, double minLr) {
        if (totalSteps <= 0) throw new IllegalArgumentException("totalSteps must be positive, got " + totalSteps);
        return (lr, step, epoch) -> {
            double progress = Math.min(1.0, (double) step / totalSteps);
            return minLr + (lr - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }
}
