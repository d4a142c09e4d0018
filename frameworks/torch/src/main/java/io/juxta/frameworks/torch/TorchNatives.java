package io.juxta.frameworks.torch;

import org.bytedeco.javacpp.Loader;

/**
 * Loads libtorch once per JVM. Extracts the native folders into the JavaCPP cache first: with a cold cache and
 * Debian's libtorch installed, the first load otherwise resolves the system libtorch_cpu.so and crashes.
 */
final class TorchNatives {
    private static boolean loaded;

    private TorchNatives() {}

    static synchronized void load() {
        if (loaded) return;
        try {
            String platform = Loader.getPlatform();
            Loader.cacheResources("/org/bytedeco/openblas/" + platform + "/");
            Loader.cacheResources("/org/bytedeco/pytorch/" + platform + "/");
            Loader.load(org.bytedeco.pytorch.global.torch.class);
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new IllegalStateException("Could not load libtorch natives (org.bytedeco:pytorch " + Loader.getPlatform()
                    + "): " + e.getMessage(), e);
        }
        // OpenBLAS workers spin after each call; without the timeout small steps run 40-200x slower on 2 cores
        if (System.getenv("OPENBLAS_THREAD_TIMEOUT") == null && Runtime.getRuntime().availableProcessors() <= 2) {
            org.bytedeco.pytorch.global.torch.set_num_threads(1);
            System.err.println("juxta: OPENBLAS_THREAD_TIMEOUT is not set; torch uses 1 thread to avoid spinning BLAS threads. "
                    + "Set OPENBLAS_THREAD_TIMEOUT=4 in the environment for full speed.");
        }
        loaded = true;
    }
}
