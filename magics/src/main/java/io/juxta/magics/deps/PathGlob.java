package io.juxta.magics.deps;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** Expands {@code ~} and globs ({@code lib/*.jar}, {@code lib/**.jar}) to existing paths, sorted. */
final class PathGlob {
    private PathGlob() {
    }

    static Path expandHome(String text) {
        if (text.equals("~") || text.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + text.substring(1));
        }
        return Path.of(text);
    }

    static List<Path> expand(String pattern) {
        if (!pattern.matches(".*[*?\\[{].*")) {
            Path path = expandHome(pattern);
            return Files.exists(path) ? List.of(path) : List.of();
        }
        Path whole = expandHome(pattern);
        String text = whole.toString();
        int firstGlob = firstGlobChar(text);
        int slash = text.lastIndexOf('/', firstGlob);
        Path base = slash < 0 ? Path.of("") : Path.of(slash == 0 ? "/" : text.substring(0, slash));
        String relativePattern = slash < 0 ? text : text.substring(slash + 1);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + relativePattern);
        int depth = relativePattern.contains("**") ? Integer.MAX_VALUE : relativePattern.split("/").length;
        Path start = base.toString().isEmpty() ? Path.of(".") : base;
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(start, depth)) {
            return walk.filter(p -> !p.equals(start))
                    .filter(p -> matcher.matches(start.relativize(p)))
                    .map(p -> base.toString().isEmpty() ? start.relativize(p) : p)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int firstGlobChar(String text) {
        for (int i = 0; i < text.length(); i++) {
            if ("*?[{".indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
