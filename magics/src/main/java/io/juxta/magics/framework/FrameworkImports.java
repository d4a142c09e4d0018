package io.juxta.magics.framework;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The imports cells get. Every session imports the portable API's packages with wildcards (single-type imports of
 * its ~55 classes cost javac about 5 ms more per cell, measured). {@code %torch}/{@code %tf} add wildcard imports of
 * the framework's own API; where such a wildcard would make a name of the session's wildcard packages ambiguous
 * ({@code Tensor} of the portable API, {@code Function} and {@code Stream} of the JDK also exist in libtorch's Java
 * API), a single-type import keeps the name meaning what it meant before.
 */
final class FrameworkImports {
    /** Packages of the portable API that cells use. */
    static final List<String> PORTABLE_PACKAGES = List.of("io.juxta.frameworks", "io.juxta.frameworks.nn", "io.juxta.frameworks.train");

    /** Per backend: the packages imported with a wildcard, a class in the first package to find its jar, and single classes. */
    record NativeApi(String backend, List<String> packages, String anchorClass, List<String> classes) {
    }

    static final Map<String, NativeApi> NATIVE = Map.of(
            "torch", new NativeApi("torch", List.of("org.bytedeco.pytorch"), "org.bytedeco.pytorch.Tensor",
                    List.of("org.bytedeco.pytorch.global.torch")),
            "tf", new NativeApi("tf", List.of("org.tensorflow", "org.tensorflow.op", "org.tensorflow.types"),
                    "org.tensorflow.TensorFlow", List.of()));

    private FrameworkImports() {}

    /** Wildcard imports of the portable API's packages, one statement per line. */
    static String portable() {
        StringBuilder source = new StringBuilder();
        PORTABLE_PACKAGES.forEach(p -> source.append("import ").append(p).append(".*;\n"));
        return source.toString();
    }

    /**
     * The imports of a backend's own API: its wildcard packages and single classes, plus single-type imports that
     * keep names of the session's wildcard-imported JDK packages unambiguous. Empty when the API is not on the class path.
     */
    static List<String> nativeImports(String backend, List<String> sessionWildcardPackages, Set<String> sessionSingleNames) {
        NativeApi api = NATIVE.get(backend);
        return api == null ? List.of() : nativeImports(api, sessionWildcardPackages, sessionSingleNames);
    }

    /**
     * The single-type imports that {@code %torch} and {@code %tf} would add to keep names unambiguous, for both
     * frameworks at once. Made before the user's first cell: JShell re-declares a variable whose type name an import
     * re-resolves, and the variable loses its value, so these must exist before any variable does.
     */
    static List<String> clashingNamesAhead(List<String> sessionWildcardPackages, Set<String> sessionSingleNames) {
        Set<String> kept = new TreeSet<>(sessionSingleNames);
        List<String> imports = new ArrayList<>();
        for (String backend : new TreeSet<>(NATIVE.keySet())) {
            NativeApi api = NATIVE.get(backend);
            for (String line : nativeImports(api, sessionWildcardPackages, kept)) {
                String name = line.substring("import ".length(), line.length() - 1);
                boolean own = name.endsWith(".*") || api.classes().contains(name);
                if (!own) {
                    imports.add(line);
                    kept.add(name.substring(name.lastIndexOf('.') + 1));
                }
            }
        }
        return imports;
    }

    static List<String> nativeImports(NativeApi api, List<String> sessionWildcardPackages, Set<String> sessionSingleNames) {
        ClassLoader loader = FrameworkImports.class.getClassLoader();
        if (loader.getResource(api.anchorClass().replace('.', '/') + ".class") == null) {
            return List.of();
        }
        List<String> imports = new ArrayList<>();
        Set<String> nativeNames = new TreeSet<>();
        for (String pkg : api.packages()) {
            imports.add("import " + pkg + ".*;");
            nativeNames.addAll(classNames(pkg, api.anchorClass(), loader));
        }
        api.classes().forEach(c -> imports.add("import " + c + ";"));
        Set<String> kept = new TreeSet<>(sessionSingleNames);
        for (String pkg : sessionWildcardPackages) {
            if (api.packages().contains(pkg)) {
                continue;
            }
            for (String name : packageClassNames(pkg, loader)) {
                if (nativeNames.contains(name) && !kept.contains(name) && isPublicClass(pkg + "." + name, loader)) {
                    imports.add("import " + pkg + "." + name + ";");
                    kept.add(name);
                }
            }
        }
        return imports;
    }

    /** Simple names of the top-level classes of a package, read from the jar or directory that holds {@code anchorClass}. */
    static Set<String> classNames(String pkg, String anchorClass, ClassLoader loader) {
        URL anchor = loader.getResource(anchorClass.replace('.', '/') + ".class");
        if (anchor == null) {
            return Set.of();
        }
        String dir = pkg.replace('.', '/') + "/";
        Set<String> names = new TreeSet<>();
        try {
            if (anchor.getProtocol().equals("jar")) {
                addJarClassNames(anchor, dir, names);
            } else if (anchor.getProtocol().equals("file")) {
                Path root = Path.of(anchor.toURI());
                for (int i = 0; i < anchorClass.split("\\.").length - 1; i++) {
                    root = root.getParent();
                }
                Path folder = root.resolve(dir);
                if (Files.isDirectory(folder)) {
                    addFolderClassNames(folder, names);
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Collections.unmodifiableSet(names);
        }
        return names;
    }

    /** Adds the top-level classes under {@code dir} of the jar that {@code entry} (a jar: URL) points into. */
    private static void addJarClassNames(URL entry, String dir, Set<String> names) throws IOException {
        String file = entry.getPath().substring("file:".length(), entry.getPath().indexOf("!/"));
        try (JarFile jar = new JarFile(URI.create("file:" + file).getPath())) {
            jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(dir)).map(n -> n.substring(dir.length()))
                    .filter(FrameworkImports::isTopLevelClassFile).forEach(n -> names.add(n.substring(0, n.length() - 6)));
        }
    }

    /** Adds the top-level classes in {@code folder} (a package's directory, on disk or in the run-time image). */
    private static void addFolderClassNames(Path folder, Set<String> names) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString()).filter(FrameworkImports::isTopLevelClassFile)
                    .forEach(n -> names.add(n.substring(0, n.length() - 6)));
        }
    }

    private static boolean isPublicClass(String name, ClassLoader loader) {
        try {
            return Modifier.isPublic(Class.forName(name, false, loader).getModifiers());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Simple names of a package's top-level classes: from the JDK's run-time image, else from the class path. */
    static Set<String> packageClassNames(String pkg, ClassLoader loader) {
        Set<String> names = jdkClassNames(pkg);
        if (!names.isEmpty()) {
            return names;
        }
        Set<String> found = new TreeSet<>();
        String dir = pkg.replace('.', '/') + "/";
        try {
            for (URL url : java.util.Collections.list(loader.getResources(dir))) {
                if (url.getProtocol().equals("jar")) {
                    addJarClassNames(url, dir, found);
                } else if (url.getProtocol().equals("file")) {
                    addFolderClassNames(Path.of(url.toURI()), found);
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return found;
        }
        return found;
    }

    private static boolean isTopLevelClassFile(String name) {
        return name.endsWith(".class") && !name.contains("/") && !name.contains("$") && !name.equals("package-info.class")
                && !name.equals("module-info.class");
    }

    /** Simple names of the classes of a JDK package, from the run-time image; empty for packages outside the JDK. */
    static Set<String> jdkClassNames(String pkg) {
        Set<String> names = new TreeSet<>();
        try {
            FileSystem jrt;
            try {
                jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
            } catch (FileSystemNotFoundException e) {
                jrt = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of());
            }
            Path packageDir = jrt.getPath("/packages", pkg);
            if (!Files.isDirectory(packageDir)) {
                return names;
            }
            try (Stream<Path> modules = Files.list(packageDir)) {
                for (Path module : modules.toList()) {
                    addFolderClassNames(jrt.getPath("/modules", module.getFileName().toString(), pkg.replace('.', '/')), names);
                }
            }
        } catch (IOException | RuntimeException e) {
            return names;
        }
        return names;
    }
}
