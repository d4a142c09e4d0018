package io.juxta;

import io.juxta.kernel.worker.Worker;
import io.juxta.magics.MagicsExtension;
import io.juxta.toolkit.ToolkitExtension;

/**
 * The worker's entry point with every Juxta extension wired in. The kernel JVM starts it; the
 * only place that knows all modules.
 */
public final class Juxta {
    private Juxta() {
    }

    public static void main(String[] args) throws Exception {
        Worker.builder()
                .extension(new ToolkitExtension())
                .extension(new MagicsExtension())
                .run(args);
    }
}
