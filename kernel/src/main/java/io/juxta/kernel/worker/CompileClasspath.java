package io.juxta.kernel.worker;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The class path javac sees for user cells: the worker's own, less the jars no cell compiles against. */
final class CompileClasspath {
    private CompileClasspath() {
    }

    static String of(String runtimeClasspath, List<String> runtimeOnlyJarPrefixes) {
        List<String> kept = new ArrayList<>();
        for (String entry : runtimeClasspath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path name = Path.of(entry).getFileName();
            String file = name == null ? entry : name.toString();
            boolean runtimeOnly = file.endsWith(".jar")
                    && runtimeOnlyJarPrefixes.stream().anyMatch(file::startsWith);
            if (!runtimeOnly) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }
}
