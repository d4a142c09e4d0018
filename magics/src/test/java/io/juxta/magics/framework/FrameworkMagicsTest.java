package io.juxta.magics.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Device;
import io.juxta.kernel.api.CellError;
import io.juxta.magics.MagicsHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrameworkMagicsTest {
    private MagicsHarness magics;

    @BeforeEach
    void setUp() {
        FakeBackends.register();
        magics = new MagicsHarness();
    }

    @AfterEach
    void tearDown() {
        magics.close();
    }

    @Test
    void aBackendThatIsNotOnTheClassPathIsAClearError() {
        CellError error = magics.fails("%torch");
        assertEquals("BackendError", error.ename());
        assertTrue(error.evalue().startsWith("Unknown backend 'torch'. Available: "), error.evalue());
    }

    @Test
    void describingABackendNamesItsVersionThreadsAndDevice() throws CellError {
        assertEquals("alpha is active: alpha 1.0 (1 thread), device cpu.", FrameworkMagics.describe(FrameworkMagics.select("alpha")));
        assertEquals("alpha", Backends.currentName());
    }

    @Test
    void deviceFallsBackToTheCpuAndSaysWhy() throws CellError {
        magics.run("%device gpu");
        String printed = magics.session.stdout();
        assertTrue(printed.contains("alpha: cpu — alpha has no GPU natives"), printed);
        assertTrue(printed.contains("beta: cpu — beta has no GPU natives"), printed);
        assertTrue(printed.startsWith("GPUs: cuda:") || printed.startsWith("no GPU found: "), printed);
        assertEquals(Device.CPU, FakeBackends.DEVICES.get("alpha"));
        assertTrue(magics.fails("%device tpu").evalue().contains("use cpu, gpu, gpu:N or auto"));
    }

    @Test
    void gpuProbeReportsWhyThereIsNoGpuAndParsesNvidiaSmi() {
        GpuProbe.Finding none = new GpuProbe("juxta-no-such-nvidia-smi", Path.of("/nonexistent/nvidia")).probe();
        assertEquals(List.of(), none.gpus());
        assertEquals("no GPU found: nvidia-smi is not on the PATH and no NVIDIA driver is loaded (/nonexistent/nvidia does not exist)",
                none.reason());
        List<GpuProbe.Gpu> gpus = GpuProbe.parse(List.of("0, Tesla T4, 15360, 15101", "1, NVIDIA A100-SXM4-40GB, 40960, [N/A]", "junk"));
        assertEquals(1, gpus.size());
        assertEquals("cuda:0 Tesla T4, 15360 MiB (15101 MiB free)", gpus.get(0).toString());
    }

    @Test
    void portableImportsAreSingleTypeAndNativeImportsKeepJdkNamesUnambiguous() {
        String imports = FrameworkImports.portable();
        assertTrue(imports.contains("import io.juxta.frameworks.Tensor;\n"), imports);
        assertTrue(imports.contains("import io.juxta.frameworks.nn.Sequential;\n"), imports);
        assertTrue(imports.contains("import io.juxta.frameworks.train.Fit;\n"), imports);
        assertTrue(!imports.contains("*") && !imports.contains("$"), imports);
        assertTrue(FrameworkImports.jdkClassNames("java.util.function").contains("Function"));
        // neither framework's own API is on this module's test class path
        assertEquals(List.of(), FrameworkImports.nativeImports("torch", List.of("java.util.function"), Set.of()));
    }
}
