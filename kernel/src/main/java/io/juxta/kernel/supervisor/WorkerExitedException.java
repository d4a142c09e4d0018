package io.juxta.kernel.supervisor;

/** The worker JVM ended while a request was running. */
public class WorkerExitedException extends Exception {
    private final int exitCode;
    private final boolean exitCalled;
    private final boolean killedOnInterrupt;
    private final boolean neverStarted;

    public WorkerExitedException(int exitCode, boolean exitCalled, boolean killedOnInterrupt, String detail) {
        this(exitCode, exitCalled, killedOnInterrupt, false, detail);
    }

    private WorkerExitedException(int exitCode, boolean exitCalled, boolean killedOnInterrupt, boolean neverStarted,
                                  String detail) {
        super(detail, null, false, false);
        this.exitCode = exitCode;
        this.exitCalled = exitCalled;
        this.killedOnInterrupt = killedOnInterrupt;
        this.neverStarted = neverStarted;
    }

    /** The worker ended before its session was up: its JVM options, class path or environment are wrong. */
    public static WorkerExitedException notStarted(int exitCode, String detail) {
        return new WorkerExitedException(exitCode, false, false, true, detail);
    }

    /** True when the worker ended before its session was up, so nothing of the user's was lost. */
    public boolean neverStarted() {
        return neverStarted;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Words for the notebook: what happened, and what it means for the user's session. */
    public String explain() {
        String what;
        if (neverStarted) {
            return "The Java session could not start" + (exitCode >= 0 ? " (exit code " + exitCode + ")" : "") + "."
                    + (getMessage().isBlank() ? "" : " " + getMessage().strip()) + "\nCheck the options the kernel was"
                    + " installed with (`juxta install --jvm-opt ...`, `--env ...`; see its kernel.json) and install it"
                    + " again. The kernel is still running; the next cell tries to start the session again.";
        }
        if (killedOnInterrupt) {
            what = "The cell did not stop when interrupted (it was inside native code, or in library code that does not check for interrupts, such as drawing a very large chart), so its Java session was ended.";
        } else if (exitCalled) {
            what = "The cell called System.exit(" + exitCode + "), which ended its Java session.";
        } else if (exitCode == 137) {
            what = "The Java session was killed by the operating system (SIGKILL; often the machine ran out of memory).";
        } else if (exitCode == 134 || exitCode == 139 || exitCode == 136 || exitCode == 135) {
            what = "The Java session crashed in native code (signal " + (exitCode - 128) + ")."
                    + (getMessage().isBlank() ? "" : " " + getMessage());
        } else if (exitCode > 128) {
            what = "The Java session was ended by signal " + (exitCode - 128) + ".";
        } else {
            what = "The Java session ended unexpectedly (exit code " + exitCode + ")."
                    + (getMessage().isBlank() ? "" : " " + getMessage());
        }
        return what + " The kernel is still running and has started a fresh session: variables, imports and "
                + "methods from earlier cells are gone, so rerun the cells you need.";
    }
}
