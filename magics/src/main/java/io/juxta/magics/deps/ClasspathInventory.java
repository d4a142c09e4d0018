package io.juxta.magics.deps;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Which Maven artifacts are on the class path of the code in cells: the worker's own class path
 * plus what {@code %maven} and {@code %classpath} added. Jars are identified by their
 * {@code pom.properties}, else by their place in a Maven repository layout.
 */
public final class ClasspathInventory {
    /** A jar or directory on the class path; {@code coordinates} is null when unknown. */
    public record Entry(Path path, Coordinates coordinates) {
    }

    private final Map<String, Entry> byKey = new LinkedHashMap<>();
    private final List<Entry> added = new ArrayList<>();
    private final String initialClassPath;
    private boolean scanned;

    /** An inventory of the worker's class path ({@code java.class.path}). */
    public ClasspathInventory() {
        this(System.getProperty("java.class.path", ""));
    }

    public ClasspathInventory(String classPath) {
        this.initialClassPath = classPath;
    }

    /** Reads the initial class path's jars on first use, not at session start: a worker has hundreds. */
    private void scan() {
        if (scanned) {
            return;
        }
        scanned = true;
        for (String element : initialClassPath.split(File.pathSeparator)) {
            if (!element.isBlank()) {
                Path path = Path.of(element);
                identify(path).ifPresent(c -> byKey.putIfAbsent(c.key(), new Entry(path, c)));
            }
        }
    }

    /** What is on the class path under the same group and artifact, if anything. */
    public synchronized Optional<Entry> find(String key) {
        scan();
        return Optional.ofNullable(byKey.get(key));
    }

    /** Records a jar added to the session's class path. */
    public synchronized void add(Path path, Coordinates coordinates) {
        scan();
        Entry entry = new Entry(path, coordinates);
        added.add(entry);
        if (coordinates != null) {
            byKey.putIfAbsent(coordinates.key(), entry);
        }
    }

    /** Everything added in this session, in order. */
    public synchronized List<Entry> added() {
        return List.copyOf(added);
    }

    public synchronized boolean isAdded(Path path) {
        Path normal = path.toAbsolutePath().normalize();
        return added.stream().anyMatch(e -> e.path().toAbsolutePath().normalize().equals(normal));
    }

    /** The Maven coordinates of a jar, from its metadata or its path in a repository. */
    public static Optional<Coordinates> identify(Path jar) {
        if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
            return Optional.empty();
        }
        Optional<Coordinates> fromMetadata = fromPomProperties(jar);
        return fromMetadata.isPresent() ? fromMetadata : fromRepositoryLayout(jar);
    }

    private static Optional<Coordinates> fromRepositoryLayout(Path jar) {
        // .../group/path/artifact/version/artifact-version[-classifier].jar
        Path versionDir = jar.getParent();
        Path artifactDir = versionDir == null ? null : versionDir.getParent();
        if (artifactDir == null || artifactDir.getParent() == null) {
            return Optional.empty();
        }
        String version = versionDir.getFileName().toString();
        String artifact = artifactDir.getFileName().toString();
        if (!jar.getFileName().toString().startsWith(artifact + "-" + version)) {
            return Optional.empty();
        }
        List<String> groupParts = new ArrayList<>();
        boolean inRepository = false;
        for (Path dir = artifactDir.getParent(); dir != null && dir.getFileName() != null; dir = dir.getParent()) {
            String part = dir.getFileName().toString();
            if (part.equals("repository")) {
                inRepository = true;
                break;
            }
            groupParts.add(0, part);
        }
        if (!inRepository || groupParts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Coordinates(String.join(".", groupParts), artifact, version));
    }

    private static Optional<Coordinates> fromPomProperties(Path jar) {
        String fileName = jar.getFileName().toString();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<Coordinates> found = new ArrayList<>();
            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                    Properties properties = new Properties();
                    try (InputStream in = file.getInputStream(entry)) {
                        properties.load(in);
                    }
                    String group = properties.getProperty("groupId");
                    String artifact = properties.getProperty("artifactId");
                    String version = properties.getProperty("version");
                    if (group != null && artifact != null && version != null) {
                        found.add(new Coordinates(group, artifact, version));
                    }
                }
            }
            // a shaded jar carries several: trust the one its file is named after
            return found.size() == 1 ? Optional.of(found.get(0))
                    : found.stream().filter(c -> fileName.startsWith(c.artifactId() + "-")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
