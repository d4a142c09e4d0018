package io.juxta.frameworks.train;

/** Factories for the optimizers, with PyTorch's defaults. */
public final class Optim {
    private Optim() {}

    public static Optimizer sgd(double lr) { return new Sgd(lr, 0, false, 0); }

    public static Optimizer sgd(double lr, double momentum) { return new Sgd(lr, momentum, false, 0); }

    public static Optimizer sgd(double lr, double momentum, boolean nesterov, double weightDecay) {
        return new Sgd(lr, momentum, nesterov, weightDecay);
    }

    public static Optimizer adam(double lr) { return new Adam(lr, 0.9, 0.999, 1e-8, 0, false); }

    public static Optimizer adam(double lr, double beta1, double beta2, double eps, double weightDecay) {
        return new Adam(lr, beta1, beta2, eps, weightDecay, false);
    }

    /** AdamW with PyTorch's default weight decay 0.01. */
    public static Optimizer adamW(double lr) { return new Adam(lr, 0.9, 0.999, 1e-8, 0.01, true); }

    public static Optimizer adamW(double lr, double weightDecay) { return new Adam(lr, 0.9, 0.999, 1e-8, weightDecay, true); }

    public static Optimizer rmsprop(double lr) { return new RmsProp(lr, 0.99, 1e-8, 0); }

    public static Optimizer rmsprop(double lr, double alpha, double eps, double momentum) { return new RmsProp(lr, alpha, eps, momentum); }
}
