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
    void portableImportsAreWildcardsThatNoDefaultJdkPackageCollidesWith() {
        assertEquals("import io.juxta.frameworks.*;\nimport io.juxta.frameworks.nn.*;\nimport io.juxta.frameworks.train.*;\n",
                FrameworkImports.portable());
        java.util.Set<String> portable = new java.util.TreeSet<>();
        for (String pkg : FrameworkImports.PORTABLE_PACKAGES) {
            portable.addAll(FrameworkImports.packageClassNames(pkg, getClass().getClassLoader()));
        }
        assertTrue(portable.containsAll(List.of("Tensor", "Ops", "Sequential", "Linear", "Fit", "History", "Optim")), portable.toString());
        // the wildcard imports of JShell and the worker: none may share a name with the portable API, or cells break
        for (String jdk : List.of("java.util", "java.util.function", "java.util.stream", "java.io", "java.math", "java.nio.file",
                "java.time", "java.util.concurrent", "java.net", "java.util.prefs", "java.util.regex")) {
            java.util.Set<String> names = FrameworkImports.jdkClassNames(jdk);
            assertTrue(!names.isEmpty(), jdk);
            names.retainAll(portable);
            assertEquals(java.util.Set.of(), names, "the portable API and " + jdk + " share names");
        }
    }

    @Test
    void nativeWildcardsGetSingleTypeImportsThatKeepTheSessionsMeaningOfSharedNames() {
        // Guava's com.google.common.base stands in for a framework's API: it too has Optional, Function and Supplier
        FrameworkImports.NativeApi api = new FrameworkImports.NativeApi("guava", List.of("com.google.common.base"),
                "com.google.common.base.Optional", List.of("com.google.common.base.Strings"));
        List<String> imports = FrameworkImports.nativeImports(api, List.of("java.util", "java.util.function", "io.juxta.frameworks"),
                Set.of("Supplier"));
        assertEquals(List.of("import com.google.common.base.*;", "import com.google.common.base.Strings;"), imports.subList(0, 2));
        assertTrue(imports.contains("import java.util.Optional;"), imports.toString());
        assertTrue(imports.contains("import java.util.function.Function;"), imports.toString());
        assertTrue(imports.contains("import java.util.function.Predicate;"), imports.toString());
        assertTrue(!imports.contains("import java.util.function.Supplier;"), "a name the session imported by itself stays: " + imports);
        assertEquals(imports.size(), new java.util.HashSet<>(imports).size());
        // neither framework's own API is on this module's test class path
        assertEquals(List.of(), FrameworkImports.nativeImports("torch", List.of("java.util.function"), Set.of()));
    }
}
