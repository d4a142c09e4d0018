package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompileClasspathTest {
    private static String path(String... entries) {
        return String.join(File.pathSeparator, entries);
    }

    @Test
    void dropsRuntimeOnlyJarsByFileNameAndKeepsEverythingElse() {
        String runtime = path("/k/lib/juxta-kernel-0.1.jar", "/k/lib/gson-2.11.0.jar", "/k/lib/xchart-4.0.3.jar",
                "/k/classes", "/k/lib/maven-model-3.9.jar", "/k/gson-classes");
        assertEquals(path("/k/lib/juxta-kernel-0.1.jar", "/k/lib/xchart-4.0.3.jar", "/k/classes", "/k/gson-classes"),
                CompileClasspath.of(runtime, List.of("gson-", "maven-")));
    }

    @Test
    void withNothingExcludedTheClassPathIsUnchanged() {
        String runtime = path("/a.jar", "/b.jar");
        assertEquals(runtime, CompileClasspath.of(runtime, List.of()));
    }
}
