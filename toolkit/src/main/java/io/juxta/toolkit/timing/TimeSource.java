package io.juxta.toolkit.timing;

/** A monotonic clock in nanoseconds; tests substitute a fake one. */
@FunctionalInterface
public interface TimeSource {
    TimeSource SYSTEM = System::nanoTime;

    long nanoTime();
}
