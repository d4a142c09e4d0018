package io.juxta.magics.framework;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * What a cell prints while {@code %%compare} runs it many times: each backend's first run is shown under the
 * backend's name; later runs print the same again, so they are counted, not shown (a cell printing 3,000 lines made
 * 12,000 unlabelled ones over two backends' warm-up and timed runs). {@code System.out} and {@code System.err} are
 * gated from {@link #install()} to {@link #close()}.
 */
final class RunOutput implements AutoCloseable {
    private final PrintStream systemOut = System.out;
    private final PrintStream systemErr = System.err;
    private final Set<String> shown = new HashSet<>();
    private String backend;
    private boolean showing;
    private boolean labelled;
    private boolean runPrinted;
    private int hiddenRuns;
    /** After the runs: a stream the cell kept (var out = System.out) writes on, unlabelled and uncounted. */
    private boolean closed;

    private RunOutput() {
    }

    static RunOutput install() {
        RunOutput gate = new RunOutput();
        System.setOut(new PrintStream(gate.new Gate(gate.systemOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(gate.new Gate(gate.systemErr), true, StandardCharsets.UTF_8));
        return gate;
    }

    /** A run of {@code name} starts: shown if it is that backend's first. */
    synchronized void begin(String name) {
        endRun();
        backend = name;
        showing = shown.add(name);
        labelled = false;
    }

    private void endRun() {
        if (runPrinted && !showing) {
            hiddenRuns++;
        }
        runPrinted = false;
    }

    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(systemOut);
        System.setErr(systemErr);
        synchronized (this) {
            endRun();
            closed = true;
            if (hiddenRuns > 0) {
                systemOut.println("── " + hiddenRuns + " later run" + (hiddenRuns == 1 ? "" : "s")
                        + " printed too; each backend's output is shown from its first run only");
            }
        }
        systemOut.flush();
    }

    /** One stream's gate: passes a shown run's bytes on, after the backend's name, and drops the others. */
    private final class Gate extends OutputStream {
        private final PrintStream target;

        Gate(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len == 0) {
                return;
            }
            synchronized (RunOutput.this) {
                if (closed) {
                    target.write(b, off, len);
                    return;
                }
                runPrinted = true;
                if (!showing) {
                    return;
                }
                if (!labelled) {
                    labelled = true;
                    // the label goes to stdout even when stderr is written first: it is where the reader looks
                    systemOut.println("── " + backend + " ──");
                    systemOut.flush();
                }
            }
            target.write(b, off, len);
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
