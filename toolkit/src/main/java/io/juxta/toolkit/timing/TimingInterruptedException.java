package io.juxta.toolkit.timing;

import java.util.Optional;

/** The user interrupted a timing; carries the runs finished before that, if any. */
public final class TimingInterruptedException extends RuntimeException {
    private final transient TimingResult finishedRuns;

    TimingInterruptedException(String message, TimingResult finishedRuns) {
        super(message, null, false, false);
        this.finishedRuns = finishedRuns;
    }

    /** The runs completed before the interrupt, empty when none was. */
    public Optional<TimingResult> finishedRuns() {
        return Optional.ofNullable(finishedRuns);
    }
}
