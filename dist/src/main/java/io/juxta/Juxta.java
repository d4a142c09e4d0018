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
                // internals of the kernel, %maven, Tablesaw and the backends: no cell names their types
                .runtimeOnly("juxta-dist-", "juxta-torch-", "juxta-tensorflow-", "gson-",
                        "maven-", "plexus-", "httpclient-", "httpcore-", "commons-codec-", "slf4j-", "jcl-over-slf4j-",
                        "icu4j-", "classgraph-", "univocity-parsers-", "asm-", "failureaccess-", "listenablefuture-")
                .run(args);
    }
}
