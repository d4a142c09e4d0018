package io.juxta.kernel.worker;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import jdk.jshell.ImportSnippet;

/**
 * The session's default imports, given to JShell one name at a time, on the name's first use. JShell puts every
 * import into the compile of every later snippet: the 33 defaults (JDK packages, the toolkit, the portable API) made
 * each cell's compile 3.4 ms slower than none, {@code 1+1} included. Here each default import is known by the simple
 * names it provides; before a snippet runs, the session imports each name the snippet mentions, by a single-type
 * (or single-static) import of the class the default import would have given. A name that no earlier snippet used
 * cannot change meaning for an earlier snippet, so nothing is re-declared, and a snippet compiles with only the
 * imports the session has used so far. Where two default wildcards hold the same name, the earlier one gives it, as
 * a single-type import of the other would have settled it; a name a user's own type has is never imported.
 */
final class DeferredImports {
    /** The import statements, as they were written, in order: what {@code %imports} shows. */
    private final List<String> lines;
    /** Simple name -> the single import that provides it, not yet given to JShell. */
    private final Map<String, String> pending;
    /** Names whose import JShell has been given, with the import's snippet (to drop it for a user's declaration). */
    private final Map<String, Given> given = new HashMap<>();

    /** An import given to JShell for a name. */
    record Given(String line, ImportSnippet snippet) {}

    private DeferredImports(List<String> lines, Map<String, String> pending) {
        this.lines = List.copyOf(lines);
        this.pending = pending;
    }

    /** An index that defers nothing. */
    static DeferredImports none() {
        return new DeferredImports(List.of(), new HashMap<>());
    }

    /**
     * Indexes import statements by the names they provide. Wildcards over packages are listed from the JDK's
     * image and {@code classpath}; {@code import static C.*} from the class's public static members. Returns the
     * index and, in {@code eager}, the statements it cannot index (they must stay ordinary imports).
     */
    static DeferredImports index(List<String> importLines, String classpath, ClassLoader loader, List<String> eager) {
        List<Import> parsed = new ArrayList<>();
        Set<String> packageNames = new LinkedHashSet<>(List.of("java.lang"));
        for (String line : importLines) {
            Import imp = Import.parse(line);
            parsed.add(imp);
            if (imp != null && imp.wildcard() && !imp.isStatic()) {
                packageNames.add(imp.name());
            }
        }
        Map<String, Set<String>> packages = PackageLister.classes(packageNames, classpath);
        Map<String, String> byName = new LinkedHashMap<>();
        Map<String, String> fromWildcards = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < importLines.size(); i++) {
            String line = importLines.get(i);
            Import imp = parsed.get(i);
            Set<String> names = imp == null ? Set.of() : !imp.wildcard() ? Set.of(imp.simpleName())
                    : imp.isStatic() ? staticMembers(imp.name(), loader) : packages.get(imp.name());
            if (names.isEmpty()) {
                eager.add(line);    // not understood, or nothing found to import: it stays an ordinary import
                continue;
            }
            if (!imp.wildcard()) {
                byName.putIfAbsent(imp.simpleName(), imp.statement(imp.name()));
            } else {
                names.forEach(n -> fromWildcards.putIfAbsent(n, imp.statement(imp.name() + "." + n)));
            }
            kept.add(line);
        }
        // a wildcard's class named like one of java.lang's is ambiguous with it, never a replacement: a single-type
        // import would silently win over java.lang, so such names stay unimported
        fromWildcards.keySet().removeAll(packages.get("java.lang"));
        // a single-type import names its class over any wildcard's, as in one compilation unit
        fromWildcards.forEach(byName::putIfAbsent);
        return new DeferredImports(kept, new HashMap<>(byName));
    }

    /** The deferred import statements as written (they are in effect from the user's point of view). */
    List<String> lines() {
        return lines;
    }

    /** The identifiers in Java source (in code, comments and strings alike: a surplus import is harmless). */
    static Set<String> identifiers(String source) {
        Set<String> found = new LinkedHashSet<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            if (Character.isJavaIdentifierStart(source.charAt(i))) {
                int start = i;
                while (i < n && Character.isJavaIdentifierPart(source.charAt(i))) {
                    i++;
                }
                found.add(source.substring(start, i));
            } else {
                i++;
            }
        }
        return found;
    }

    /** Whether any of {@code names} still waits for its import. */
    synchronized boolean anyPending(Set<String> names) {
        if (!pending.isEmpty()) {
            for (String name : names) {
                if (pending.containsKey(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The imports to give JShell before a snippet that mentions {@code names}: one for each pending name, except
     * those the user's own declarations and imports hold ({@code claimed}: they win, as over a wildcard). The
     * caller gives each to JShell and reports it with {@link #given}.
     */
    synchronized Map<String, String> take(Set<String> names, Set<String> claimed) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            String line = pending.get(name);
            if (line != null && !claimed.contains(name)) {
                pending.remove(name);
                out.put(name, line);
            }
        }
        return out;
    }

    synchronized void given(String name, String line, ImportSnippet snippet) {
        given.put(name, new Given(line, snippet));
    }

    /** The import given for {@code name}, or null. */
    synchronized Given givenFor(String name) {
        return given.get(name);
    }

    /** A user's declaration took the name: its import was dropped, and comes back if the name is free again. */
    synchronized void giveBack(String name) {
        Given g = given.remove(name);
        if (g != null) {
            pending.put(name, g.line());
        }
    }

    /** Whether JShell got this import snippet from here (it is then one of the defaults, not the user's). */
    synchronized boolean isGiven(ImportSnippet snippet) {
        for (Given g : given.values()) {
            if (g.snippet() == snippet) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code names} holds a name given by a static import (a method or field a user may declare too). */
    synchronized boolean mentionsGivenStatic(Set<String> names) {
        for (String name : names) {
            Given g = given.get(name);
            if (g != null && g.line().startsWith("import static ")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Names not yet imported that start with {@code prefix}, sorted, for completion: those a wildcard would import
     * (a package's non-public classes are listed by the package but not imported, so they are left out).
     */
    List<String> pendingNamesStartingWith(String prefix, ClassLoader loader) {
        Map<String, String> candidates = new java.util.TreeMap<>();
        synchronized (this) {
            pending.forEach((name, line) -> {
                if (name.startsWith(prefix)) {
                    candidates.put(name, line);
                }
            });
        }
        List<String> names = new ArrayList<>();
        candidates.forEach((name, line) -> {
            Import imp = Import.parse(line);
            if (imp != null && (imp.isStatic() || isPublicClass(imp.name(), loader))) {
                names.add(name);
            }
        });
        return names;
    }

    private static boolean isPublicClass(String canonical, ClassLoader loader) {
        try {
            return Modifier.isPublic(classNamed(canonical, loader).getModifiers());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** One import statement, parsed: {@code import [static] a.b.C;} or {@code import [static] a.b.*;}. */
    record Import(boolean isStatic, String name, boolean wildcard) {
        private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile(
                "import\\s+(static\\s+)?([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(?:\\s*\\.\\s*[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*)(\\s*\\.\\s*\\*)?\\s*;?");

        static Import parse(String line) {
            java.util.regex.Matcher m = FORM.matcher(line.strip());
            if (!m.matches()) {
                return null;
            }
            return new Import(m.group(1) != null, m.group(2).replaceAll("\\s", ""), m.group(3) != null);
        }

        String simpleName() {
            return name.substring(name.lastIndexOf('.') + 1);
        }

        String statement(String target) {
            return "import " + (isStatic ? "static " : "") + target + ";";
        }
    }

    /** The class of a canonical name: a nested class's binary name has '$' where the source has '.'. */
    private static Class<?> classNamed(String canonical, ClassLoader loader) throws ClassNotFoundException {
        String name = canonical;
        while (true) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                int dot = name.lastIndexOf('.');
                if (dot < 0) {
                    throw e;
                }
                name = name.substring(0, dot) + '$' + name.substring(dot + 1);
            }
        }
    }

    private static Set<String> staticMembers(String className, ClassLoader loader) {
        Set<String> names = new TreeSet<>();
        try {
            Class<?> c = classNamed(className, loader);
            for (Method m : c.getMethods()) {
                if (Modifier.isStatic(m.getModifiers())) {
                    names.add(m.getName());
                }
            }
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    names.add(f.getName());
                }
            }
            for (Class<?> member : c.getClasses()) {
                names.add(member.getSimpleName());
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return Set.of();
        }
        return names;
    }

    /** Top-level class names of packages, from the JDK's module image and the jars and folders of a class path. */
    static final class PackageLister {
        private PackageLister() {
        }

        /** For each package, its classes' simple names (empty if none): one pass over each jar. */
        static Map<String, Set<String>> classes(Set<String> packageNames, String classpath) {
            Map<String, Set<String>> byDir = new HashMap<>();
            Map<String, Set<String>> out = new LinkedHashMap<>();
            for (String pkg : packageNames) {
                Set<String> names = new TreeSet<>();
                out.put(pkg, names);
                jdkClasses(pkg, names);
                // only the JDK defines java.* packages
                if (!pkg.startsWith("java.")) {
                    byDir.put(pkg.replace('.', '/'), names);
                }
            }
            if (byDir.isEmpty() || classpath.isEmpty()) {
                return out;
            }
            for (String entry : classpath.split(File.pathSeparator)) {
                if (entry.endsWith(".jar")) {
                    jarClasses(entry, byDir);
                } else if (!entry.isEmpty()) {
                    byDir.forEach((dir, names) -> folderClasses(Path.of(entry).resolve(dir), names));
                }
            }
            return out;
        }

        private static void jarClasses(String jar, Map<String, Set<String>> byDir) {
            try (ZipFile zip = new ZipFile(jar)) {
                Enumeration<? extends ZipEntry> all = zip.entries();
                while (all.hasMoreElements()) {
                    String entry = all.nextElement().getName();
                    int slash = entry.lastIndexOf('/');
                    Set<String> names = slash < 0 ? null : byDir.get(entry.substring(0, slash));
                    if (names != null) {
                        addClass(entry.substring(slash + 1), names);
                    }
                }
            } catch (IOException ignored) {
                // a missing or unreadable jar gives no names, as javac would find none in it
            }
        }

        private static void folderClasses(Path folder, Set<String> names) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.forEach(f -> addClass(f.getFileName().toString(), names));
                } catch (IOException ignored) {
                    // an unreadable folder gives no names
                }
            }
        }

        private static void jdkClasses(String pkg, Set<String> names) {
            try {
                FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
                Path packageDir = jrt.getPath("/packages", pkg);
                if (!Files.isDirectory(packageDir)) {
                    return;
                }
                try (Stream<Path> modules = Files.list(packageDir)) {
                    for (Path module : modules.toList()) {
                        folderClasses(jrt.getPath("/modules", module.getFileName().toString(), pkg.replace('.', '/')), names);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no JDK image (or no such package): no names from it
            }
        }

        private static void addClass(String file, Set<String> names) {
            if (file.endsWith(".class") && file.indexOf('$') < 0 && !file.equals("package-info.class") && !file.equals("module-info.class")) {
                names.add(file.substring(0, file.length() - ".class".length()));
            }
        }
    }
}
