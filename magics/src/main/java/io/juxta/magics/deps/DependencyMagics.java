package io.juxta.magics.deps;

import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.Session;
import io.juxta.magics.Invocation;
import io.juxta.magics.Magic;
import io.juxta.magics.spec.ArgType;
import io.juxta.magics.spec.Area;
import io.juxta.magics.spec.MagicSpec;
import io.juxta.magics.spec.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.aether.resolution.DependencyResolutionException;

/** The dependencies area: {@code %maven}, {@code %classpath}, {@code %load}. */
public final class DependencyMagics {
    private final ClasspathInventory inventory;
    private final Supplier<MavenSettings> settings;
    private MavenResolver resolver;

    public DependencyMagics(ClasspathInventory inventory) {
        this(inventory, MavenSettings::forUser);
    }

    public DependencyMagics(ClasspathInventory inventory, Supplier<MavenSettings> settings) {
        this.inventory = inventory;
        this.settings = settings;
    }

    public List<Magic> magics() {
        return List.of(
                Magic.of(MagicSpec.builder("maven").area(Area.DEPENDENCIES)
                        .summary("Add Maven artifacts and their runtime dependencies to the class path.")
                        .details("Coordinates are group:artifact:version, or group:artifact:extension[:classifier]:version. "
                                + "Several coordinates are resolved together, so their shared dependencies agree. Jars come "
                                + "from the local repository (~/.m2/repository, or settings.xml's localRepository) and "
                                + "Maven Central (or the mirror of central in settings.xml). When the network is "
                                + "unreachable, the local repository alone is used.\n"
                                + "A jar whose group and artifact are already on the class path in another version is a "
                                + "conflict: Java would keep using the version already loaded, so nothing is added and the "
                                + "conflict is reported. Ask for the version already there, or restart the kernel and run "
                                + "%maven before anything else. --allow-conflicts adds the rest and keeps the old versions.")
                        .flag(null, "offline", "use only the local repository")
                        .option(null, "repo", ArgType.STRING, null, "URL", "also search this remote repository")
                        .flag(null, "allow-conflicts", "add the jars that do not conflict and keep the old versions of those that do")
                        .positionals("coordinates", ArgType.STRING, true, "group:artifact:version of each artifact")
                        .build(), this::maven),
                Magic.of(MagicSpec.builder("classpath").area(Area.DEPENDENCIES)
                        .summary("Add jars or class directories to the class path; without arguments, list what was added.")
                        .details("A PATH may be a glob: lib/*.jar, or lib/**.jar to include subdirectories. ~ is your home.")
                        .positionals("path", ArgType.PATH, false, "a jar, a directory of classes, or a glob")
                        .build(), this::classpath),
                Magic.of(MagicSpec.builder("load").area(Area.DEPENDENCIES)
                        .summary("Run a .java or .jsh file as if it were a cell.")
                        .details("A package declaration is dropped (cells have no package). Magics in the file work as in a cell.")
                        .positional("file", ArgType.PATH, true, "the file to run")
                        .build(), this::load));
    }

    private Object maven(Invocation call) throws CellError {
        List<String> coordinates = call.args().positionals("coordinates");
        for (String coordinate : coordinates) {
            try {
                MavenResolver.parseCoordinate(coordinate);
            } catch (IllegalArgumentException e) {
                throw new UsageException("'" + coordinate + "' is not a Maven coordinate: write group:artifact:version, "
                        + "for example org.apache.commons:commons-text:1.13.0");
            }
        }
        MavenSettings where = settings.get();
        String repo = call.args().stringOption("repo");
        if (repo != null) {
            where = where.withRemote(new MavenSettings.Remote("user-" + Math.abs(repo.hashCode()), repo));
        }
        PrintStream out = call.session().out();
        MavenResolver.Resolution resolution;
        try {
            resolution = resolverFor(where).resolve(coordinates, call.args().flag("offline"));
        } catch (DependencyResolutionException e) {
            throw CellError.of("DependencyError", "could not resolve " + String.join(" ", coordinates) + ": " + firstLine(e.getMessage()));
        }
        if (resolution.fellBackToOffline()) {
            out.println("The remote repository is unreachable: resolved from the local repository " + where.localRepository() + ".");
        }
        List<MavenResolver.Resolved> toAdd = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        int alreadyPresent = 0;
        for (MavenResolver.Resolved artifact : resolution.artifacts()) {
            ClasspathInventory.Entry existing = inventory.find(artifact.coordinates().key()).orElse(null);
            if (existing == null) {
                toAdd.add(artifact);
            } else if (existing.coordinates().version().equals(artifact.coordinates().version())) {
                alreadyPresent++;
            } else {
                conflicts.add("  " + artifact.coordinates().key() + ": " + artifact.coordinates().version()
                        + " wanted (by " + artifact.requestedBy() + "), " + existing.coordinates().version()
                        + " already on the class path (" + existing.path().getFileName() + ")");
            }
        }
        boolean allowConflicts = call.args().flag("allow-conflicts");
        if (!conflicts.isEmpty() && !allowConflicts) {
            List<String> lines = new ArrayList<>();
            lines.add("DependencyConflict: " + conflicts.size() + " artifact" + (conflicts.size() == 1 ? " is" : "s are")
                    + " already on the class path in another version; nothing was added:");
            lines.addAll(conflicts);
            lines.add("Java keeps the version loaded first. Ask for the version already there, or restart the kernel and "
                    + "run this %maven first. %maven --allow-conflicts adds the rest and keeps the old versions.");
            throw new CellError("DependencyConflict", conflicts.size() + " version conflict(s) with the class path", lines);
        }
        for (MavenResolver.Resolved artifact : toAdd) {
            call.session().addToClasspath(artifact.file().toString());
            inventory.add(artifact.file(), artifact.coordinates());
        }
        StringBuilder report = new StringBuilder("Added " + toAdd.size() + " jar" + (toAdd.size() == 1 ? "" : "s"));
        if (!toAdd.isEmpty()) {
            report.append(": ").append(String.join(", ", toAdd.stream().map(a -> a.file().getFileName().toString()).toList()));
        }
        if (alreadyPresent > 0) {
            report.append(" (").append(alreadyPresent).append(" already on the class path)");
        }
        out.println(report);
        if (!conflicts.isEmpty()) {
            out.println("Kept the versions already on the class path for:");
            conflicts.forEach(out::println);
        }
        return Session.NO_VALUE;
    }

    /** One resolver per settings: building the repository system costs about a second the first time. */
    private synchronized MavenResolver resolverFor(MavenSettings where) {
        if (resolver == null || !resolver.settings().equals(where)) {
            resolver = new MavenResolver(where);
        }
        return resolver;
    }

    private Object classpath(Invocation call) {
        List<String> patterns = call.args().positionals("path");
        PrintStream out = call.session().out();
        if (patterns.isEmpty()) {
            List<ClasspathInventory.Entry> added = inventory.added();
            if (added.isEmpty()) {
                out.println("Nothing added to the class path in this session.");
            }
            added.forEach(e -> out.println(e.path() + (e.coordinates() == null ? "" : "  (" + e.coordinates() + ")")));
            return Session.NO_VALUE;
        }
        List<Path> paths = new ArrayList<>();
        for (String pattern : patterns) {
            if (pattern.isBlank()) {
                throw new UsageException("an empty path: give a jar, a directory of classes or a glob such as lib/*.jar");
            }
            List<Path> matches = PathGlob.expand(pattern);
            if (matches.isEmpty()) {
                throw new UsageException("nothing matches " + pattern + " (working directory: " + Path.of("").toAbsolutePath() + ")");
            }
            // as java -cp lib/* does, a glob takes the jars and folders it matches and skips other files
            List<Path> usable = matches.stream().filter(m -> Files.isDirectory(m) || isArchive(m)).toList();
            if (usable.isEmpty()) {
                throw new UsageException((matches.size() == 1 ? matches.get(0) + " is" : pattern + " matches")
                        + " neither a jar nor a directory of classes: the class path takes .jar (or .zip) files and directories");
            }
            paths.addAll(usable);
        }
        int count = 0;
        for (Path path : paths) {
            if (inventory.isAdded(path)) {
                continue;
            }
            Coordinates coordinates = ClasspathInventory.identify(path).orElse(null);
            if (coordinates != null) {
                inventory.find(coordinates.key())
                        .filter(e -> !e.coordinates().version().equals(coordinates.version()))
                        .ifPresent(e -> call.session().err().println("Warning: " + path.getFileName() + " is " + coordinates
                                + " but " + e.coordinates() + " is already on the class path; Java keeps the one loaded first."));
            }
            call.session().addToClasspath(path.toAbsolutePath().toString());
            inventory.add(path.toAbsolutePath(), coordinates);
            count++;
        }
        out.println("Added " + count + " path" + (count == 1 ? "" : "s") + " to the class path.");
        return Session.NO_VALUE;
    }

    private static boolean isArchive(Path path) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return Files.isRegularFile(path) && (name.endsWith(".jar") || name.endsWith(".zip"));
    }

    /** Files %load is running, innermost last: a file that loads itself would recurse until the stack ends. */
    private final java.util.Deque<Path> loading = new java.util.ArrayDeque<>();

    private Object load(Invocation call) throws CellError {
        Path file = PathGlob.expandHome(call.args().positional("file"));
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no file " + file + " (working directory: " + Path.of("").toAbsolutePath() + ")");
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            real = file.toAbsolutePath().normalize();
        }
        if (loading.contains(real)) {
            throw new UsageException(file + " loads itself (through " + loading.stream().map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.joining(" -> ")) + "): remove the %load line that starts the loop");
        }
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CellError.of("LoadError", "could not read " + file + ": " + e.getMessage());
        }
        source = withoutPackage(source);
        loading.addLast(real);
        try {
            return call.runCell(source);
        } finally {
            loading.removeLast();
        }
    }

    private static final java.util.regex.Pattern PACKAGE = java.util.regex.Pattern.compile("package\\s+[\\w.]+\\s*;");

    /**
     * The source without its package declaration, since a cell has none. Only a declaration before any code counts
     * (after comments and blank lines): a line "package x;" inside a text block or a comment further down stays.
     * Its line breaks stay too, so compile errors point at the right line.
     */
    static String withoutPackage(String source) {
        int i = 0;
        int n = source.length();
        while (i < n) {
            if (Character.isWhitespace(source.charAt(i)) || source.charAt(i) == '\uFEFF') {
                i++;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                if (end < 0) {
                    return source;
                }
                i = end + 2;
            } else {
                break;
            }
        }
        java.util.regex.Matcher declaration = PACKAGE.matcher(source).region(i, n);
        if (!declaration.lookingAt()) {
            return source;
        }
        return source.substring(0, i) + declaration.group().replaceAll("[^\n]", "") + source.substring(declaration.end());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.strip();
    }
}
