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
 * The imports cells get. The portable API is imported class by class, because a single-type import wins over the
 * wildcard imports of a framework's own API that {@code %torch}/{@code %tf} add: {@code Tensor} stays the portable
 * tensor. Where a framework's wildcard would make a JDK name ambiguous ({@code Function}, {@code Stream} exist in
 * libtorch's Java API too), a single-type import of the JDK class keeps the name meaning what it meant before.
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

    /** Single-type imports of every public class of the portable API, one statement per line. */
    static String portable() {
        Set<String> classes = new TreeSet<>();
        ClassLoader loader = FrameworkImports.class.getClassLoader();
        for (String pkg : PORTABLE_PACKAGES) {
            for (String name : classNames(pkg, "io.juxta.frameworks.Tensor", loader)) {
                try {
                    if (Modifier.isPublic(Class.forName(pkg + "." + name, false, loader).getModifiers())) {
                        classes.add(pkg + "." + name);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // listed in the jar but not loadable: not worth an import
                }
            }
        }
        StringBuilder source = new StringBuilder();
        classes.forEach(c -> source.append("import ").append(c).append(";\n"));
        return source.toString();
    }

    /**
     * The imports of a backend's own API: its wildcard packages and single classes, plus single-type imports that
     * keep names of the session's wildcard-imported JDK packages unambiguous. Empty when the API is not on the class path.
     */
    static List<String> nativeImports(String backend, List<String> sessionWildcardPackages, Set<String> sessionSingleNames) {
        NativeApi api = NATIVE.get(backend);
        ClassLoader loader = FrameworkImports.class.getClassLoader();
        if (api == null || loader.getResource(api.anchorClass().replace('.', '/') + ".class") == null) {
            return List.of();
        }
        List<String> imports = new ArrayList<>();
        Set<String> nativeNames = new TreeSet<>();
        for (String pkg : api.packages()) {
            imports.add("import " + pkg + ".*;");
            nativeNames.addAll(classNames(pkg, api.anchorClass(), loader));
        }
        api.classes().forEach(c -> imports.add("import " + c + ";"));
        for (String jdkPackage : sessionWildcardPackages) {
            for (String name : jdkClassNames(jdkPackage)) {
                if (nativeNames.contains(name) && !sessionSingleNames.contains(name) && isPublicJdkClass(jdkPackage + "." + name)) {
                    imports.add("import " + jdkPackage + "." + name + ";");
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
                String file = anchor.getPath().substring("file:".length(), anchor.getPath().indexOf("!/"));
                try (JarFile jar = new JarFile(URI.create("file:" + file).getPath())) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(dir)).map(n -> n.substring(dir.length()))
                            .filter(FrameworkImports::isTopLevelClassFile).forEach(n -> names.add(n.substring(0, n.length() - 6)));
                }
            } else if (anchor.getProtocol().equals("file")) {
                Path root = Path.of(anchor.toURI());
                for (int i = 0; i < anchorClass.split("\\.").length - 1; i++) {
                    root = root.getParent();
                }
                Path folder = root.resolve(dir);
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> files = Files.list(folder)) {
                        files.map(p -> p.getFileName().toString()).filter(FrameworkImports::isTopLevelClassFile)
                                .forEach(n -> names.add(n.substring(0, n.length() - 6)));
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Collections.unmodifiableSet(names);
        }
        return names;
    }

    private static boolean isPublicJdkClass(String name) {
        try {
            return Modifier.isPublic(Class.forName(name, false, ClassLoader.getPlatformClassLoader()).getModifiers());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
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
                    Path classes = jrt.getPath("/modules", module.getFileName().toString(), pkg.replace('.', '/'));
                    try (Stream<Path> files = Files.list(classes)) {
                        files.map(p -> p.getFileName().toString()).filter(FrameworkImports::isTopLevelClassFile)
                                .forEach(n -> names.add(n.substring(0, n.length() - 6)));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return names;
        }
        return names;
    }
}
