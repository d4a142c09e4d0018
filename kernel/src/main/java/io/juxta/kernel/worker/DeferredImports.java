package io.juxta.kernel.worker;

import java.io.File;
import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import jdk.jshell.ImportSnippet;

/**
 * The session's default imports, given to JShell one name at a time, on the name's first use. JShell puts every
 * import into the compile of every later snippet: the 33 defaults (JDK packages, the toolkit, the portable API) made
 * each cell's compile 3.4 ms slower than none, {@code 1+1} included. Here each default type import is known by the
 * simple names it provides; before a snippet runs, the session imports each name the snippet mentions, by a
 * single-type import of the class the default would have given. A name no earlier snippet used cannot change
 * meaning for an earlier snippet, so nothing is re-declared, and a snippet compiles with only the imports the
 * session has used so far.
 *
 * <p>What a wildcard would not do, a single-type import must not do either: only public classes are given; where
 * two default wildcards hold a public class of the same name, the earlier gives it (both at once would make the name
 * ambiguous); a class named like one of java.lang's is never given (a wildcard cannot hide java.lang); a user's own
 * type or single-type import of the name wins; and once the user imports a wildcard of their own holding the name,
 * the name is given by the default's wildcard statement itself, so that the two stay ambiguous as they were.
 * Static imports stay ordinary imports (a static member's name may also be a user's variable or method).
 *
 * <p>Used only from the thread that runs cells and answers completions (and, before that, the one that starts
 * the session), so it holds no locks.
 */
final class DeferredImports {
    /** The deferred import statements as written, in order: what {@code %imports} shows. */
    private final List<String> lines;
    /** Simple name -> the import that gives it, not yet given to JShell. */
    private final Map<String, String> pending;
    /** Simple name -> the default statement it comes from (a wildcard, or the single-type import itself). */
    private final Map<String, String> origin;
    /** Names whose import JShell has been given, with the import's snippet (to drop it for a user's declaration). */
    private final Map<String, Given> given = new HashMap<>();

    /** An import given to JShell for a name. */
    record Given(String line, ImportSnippet snippet) {}

    private DeferredImports(List<String> lines, Map<String, String> pending, Map<String, String> origin) {
        this.lines = List.copyOf(lines);
        this.pending = pending;
        this.origin = origin;
    }

    /** An index that defers nothing. */
    static DeferredImports none() {
        return new DeferredImports(List.of(), new HashMap<>(), Map.of());
    }

    /**
     * Indexes import statements by the names they provide: wildcards over packages are listed from the JDK's image
     * and {@code classpath}. Statements it does not defer (static imports, or anything it cannot list) are added to
     * {@code eager}: they stay ordinary imports.
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
        Map<String, String> singles = new LinkedHashMap<>();
        Map<String, String> fromWildcards = new LinkedHashMap<>();
        Map<String, String> origin = new HashMap<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < importLines.size(); i++) {
            String line = importLines.get(i);
            Import imp = parsed.get(i);
            if (imp == null || imp.isStatic() || (imp.wildcard() && packages.get(imp.name()).isEmpty())) {
                eager.add(line);
                continue;
            }
            if (!imp.wildcard()) {
                if (singles.putIfAbsent(imp.simpleName(), imp.name()) == null) {
                    origin.put(imp.simpleName(), line);
                }
            } else {
                for (String name : packages.get(imp.name())) {
                    String earlier = fromWildcards.get(name);
                    String candidate = imp.name() + "." + name;
                    // a package lists its non-public classes too; a wildcard gives only public ones
                    if (earlier == null || (!isPublicClass(earlier, loader) && isPublicClass(candidate, loader))) {
                        fromWildcards.put(name, candidate);
                        origin.put(name, line);
                    }
                }
            }
            kept.add(line);
        }
        for (String name : packages.get("java.lang")) {
            if (fromWildcards.containsKey(name) && isPublicClass("java.lang." + name, loader)) {
                fromWildcards.remove(name);
            }
        }
        Map<String, String> pending = new HashMap<>();
        fromWildcards.forEach((name, cls) -> pending.put(name, "import " + cls + ";"));
        // a single-type import names its class over any wildcard's, as in one compilation unit
        singles.forEach((name, cls) -> pending.put(name, "import " + cls + ";"));
        origin.keySet().retainAll(pending.keySet());
        return new DeferredImports(kept, pending, origin);
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
    boolean anyPending(Set<String> names) {
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
     * those {@code claimed} (the user's own types and single-type imports win, as over a wildcard). The caller
     * gives each to JShell and reports it with {@link #given}.
     */
    Map<String, String> take(Set<String> names, Set<String> claimed) {
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

    void given(String name, String line, ImportSnippet snippet) {
        given.put(name, new Given(line, snippet));
    }

    /** The import given for {@code name}, or null. */
    Given givenFor(String name) {
        return given.get(name);
    }

    /** A user's declaration took the name: its import was dropped, and comes back if the name is free again. */
    void giveBack(String name) {
        Given g = given.remove(name);
        if (g != null) {
            pending.put(name, g.line());
        }
    }

    /** The user wrote the given import themselves: it is theirs now (a later class of theirs must not keep it). */
    void handOver(String name) {
        given.remove(name);
    }

    /**
     * The user imported the wildcard of {@code pkg}, holding {@code classes}: a pending name both it and a default wildcard hold is
     * now given by the default's wildcard statement, so the name is ambiguous as it would have been.
     */
    void userWildcard(String pkg, Set<String> classes) {
        for (String name : classes) {
            String from = origin.get(name);
            Import of = from == null ? null : Import.parse(from);
            // the same wildcard as the default's gives the same classes: nothing becomes ambiguous
            if (pending.containsKey(name) && of != null && of.wildcard() && !of.name().equals(pkg)) {
                pending.put(name, from.strip());
            }
        }
    }

    /** Whether JShell got this import snippet from here (it is then one of the defaults, not the user's). */
    boolean isGiven(ImportSnippet snippet) {
        for (Given g : given.values()) {
            if (g.snippet() == snippet) {
                return true;
            }
        }
        return false;
    }

    /** Names not yet imported that start with {@code prefix}, sorted: for completion. */
    List<String> pendingNamesStartingWith(String prefix, ClassLoader loader) {
        List<String> names = new ArrayList<>();
        pending.forEach((name, line) -> {
            if (!name.startsWith(prefix)) {
                return;
            }
            Import imp = Import.parse(line);
            // a name whose wildcard statement stands in (see userWildcard) is public by then
            if (imp != null && (imp.wildcard() || isPublicClass(imp.name(), loader))) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
    }

    /** One import statement, parsed: {@code import [static] a.b.C;} or {@code import [static] a.b.*;}. */
    record Import(boolean isStatic, String name, boolean wildcard) {
        private static final Pattern FORM = Pattern.compile(
                "import\\s+(static\\s+)?([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(?:\\s*\\.\\s*[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*)(\\s*\\.\\s*\\*)?\\s*;?");

        /** The statement parsed, or null if it is not one import. */
        static Import parse(String line) {
            Matcher m = FORM.matcher(line.strip());
            if (!m.matches()) {
                return null;
            }
            return new Import(m.group(1) != null, m.group(2).replaceAll("\\s", ""), m.group(3) != null);
        }

        String simpleName() {
            return name.substring(name.lastIndexOf('.') + 1);
        }
    }

    private static boolean isPublicClass(String canonical, ClassLoader loader) {
        try {
            Class<?> found = firstBinaryName(canonical, name -> {
                try {
                    return Class.forName(name, false, loader);
                } catch (ClassNotFoundException e) {
                    return null;
                }
            });
            return found != null && Modifier.isPublic(found.getModifiers());
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * What {@code lookup} finds for the first binary name of a class written {@code canonical} in source that it
     * finds anything for, or null: a nested class's binary name has '$' where the source has '.', so
     * {@code a.B.C} is tried as {@code a.B.C}, then {@code a.B$C}, then {@code a$B$C}.
     */
    static <T> T firstBinaryName(String canonical, java.util.function.Function<String, T> lookup) {
        String name = canonical;
        while (true) {
            T found = lookup.apply(name);
            if (found != null) {
                return found;
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            name = name.substring(0, dot) + '$' + name.substring(dot + 1);
        }
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
