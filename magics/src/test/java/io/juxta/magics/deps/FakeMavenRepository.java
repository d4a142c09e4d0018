package io.juxta.magics.deps;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** A local Maven repository in a temporary directory, with real jars holding one compiled class each. */
final class FakeMavenRepository {
    final Path root;

    FakeMavenRepository(Path parent) throws IOException {
        root = Files.createDirectories(parent.resolve("repository"));
    }

    /** Installs group:artifact:version whose jar holds {@code className} with {@code static String hello()}. */
    Path install(String group, String artifact, String version, String className, String hello, String... dependencies) throws IOException {
        Path dir = Files.createDirectories(root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version));
        StringBuilder deps = new StringBuilder();
        for (String dependency : dependencies) {
            String[] gav = dependency.split(":");
            deps.append("<dependency><groupId>").append(gav[0]).append("</groupId><artifactId>").append(gav[1])
                    .append("</artifactId><version>").append(gav[2]).append("</version></dependency>");
        }
        Files.writeString(dir.resolve(artifact + "-" + version + ".pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId><version>" + version + "</version>"
                + "<dependencies>" + deps + "</dependencies></project>");
        Path jar = dir.resolve(artifact + "-" + version + ".jar");
        writeJar(jar, className, hello);
        return jar;
    }

    static void writeJar(Path jar, String className, String hello) throws IOException {
        Path work = Files.createTempDirectory("juxta-fake-class");
        String simple = className.substring(className.lastIndexOf('.') + 1);
        String pkg = className.substring(0, className.lastIndexOf('.'));
        Path source = work.resolve(simple + ".java");
        Files.writeString(source, "package " + pkg + "; public class " + simple
                + " { public static String hello() { return \"" + hello + "\"; } }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", work.toString(), source.toString());
        if (status != 0) {
            throw new IOException("javac failed for " + className);
        }
        String entry = className.replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(work.resolve(entry)));
            out.closeEntry();
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static List<String> fileNames(List<String> paths) {
        return paths.stream().map(p -> Path.of(p).getFileName().toString()).toList();
    }
}
