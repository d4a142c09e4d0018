package io.juxta.magics;

import io.juxta.kernel.api.Completer;
import io.juxta.magics.spec.ArgSpec;
import io.juxta.magics.spec.ArgType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import io.juxta.magics.spec.MagicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Completes magic names after {@code %} and {@code %%}, a magic's options after {@code -}, and file paths where a magic takes one. */
public final class MagicCompleter implements Completer {
    private static final Pattern NAME_PREFIX = Pattern.compile("^[ \\t]*(%%?)([A-Za-z][\\w-]*)?$");
    private static final Pattern PATH_ARGUMENT = Pattern.compile("^[ \\t]*(%%?)([A-Za-z][\\w-]*)[ \\t](?:.*[ \\t])?([^\\s'\"-][^\\s'\"]*)?$");
    private static final int MAX_PATH_MATCHES = 100;
    private static final Pattern MAGIC_LINE = Pattern.compile("^[ \\t]*(%%?)([A-Za-z][\\w-]*)[ \\t](?:.*[ \\t])?(-{1,2}[\\w-]*)$");

    private final MagicRegistry registry;

    public MagicCompleter(MagicRegistry registry) {
        this.registry = registry;
    }

    /** A magic's name at the start of a line, %name or %%name, with the cursor in it or just after it. */
    private static final Pattern MAGIC_NAME = Pattern.compile("(?m)^[ \\t]*(%%?)([A-Za-z][\\w-]*)");

    /** The help of the magic whose name the cursor is on, as %NAME? shows it. */
    @Override
    public String inspect(String code, int cursor) {
        Matcher m = MAGIC_NAME.matcher(code);
        while (m.find()) {
            if (cursor >= m.start(1) && cursor <= m.end(2)) {
                boolean cellForm = m.group(1).length() == 2;
                if (cellForm && m.start() != 0 && code.substring(0, m.start(1)).contains("\n")) {
                    return null; // %% below the first line is not a cell magic
                }
                return registry.find(m.group(2)).map(magic -> magic.spec().help()).orElse(null);
            }
        }
        return null;
    }

    @Override
    public Completion complete(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        int lineStart = code.lastIndexOf('\n', at - 1) + 1;
        String before = code.substring(lineStart, at);
        boolean firstLine = lineStart == 0;

        Matcher name = NAME_PREFIX.matcher(before);
        if (name.matches()) {
            boolean cellForm = name.group(1).length() == 2;
            if (cellForm && !firstLine) {
                return Completion.NONE;
            }
            String typed = name.group(2) == null ? "" : name.group(2);
            List<String> matches = registry.names(cellForm).stream()
                    .filter(n -> n.startsWith(typed))
                    .sorted()
                    .map(n -> name.group(1) + n)
                    .toList();
            int start = lineStart + name.start(1);
            return matches.isEmpty() ? Completion.NONE : new Completion(start, at, matches);
        }

        Matcher option = MAGIC_LINE.matcher(before);
        if (option.matches()) {
            boolean cellForm = option.group(1).length() == 2;
            if (cellForm && !firstLine) {
                return Completion.NONE;
            }
            MagicSpec spec = registry.find(option.group(2)).map(Magic::spec).orElse(null);
            if (spec == null) {
                return Completion.NONE;
            }
            String typed = option.group(3);
            List<String> matches = new ArrayList<>();
            for (ArgSpec arg : spec.options()) {
                String longForm = "--" + arg.name();
                if (longForm.startsWith(typed)) {
                    matches.add(longForm);
                } else if (arg.shortName() != null && typed.equals("-")) {
                    matches.add("-" + arg.shortName());
                }
            }
            if (typed.length() == 2 && !typed.equals("--")) {
                char letter = typed.charAt(1);
                spec.option(letter).ifPresent(o -> matches.add(typed));
            }
            matches.sort(null);
            return matches.isEmpty() ? Completion.NONE : new Completion(at - typed.length(), at, List.copyOf(matches));
        }

        Matcher path = PATH_ARGUMENT.matcher(before);
        if (path.matches() && (firstLine || path.group(1).length() == 1)) {
            MagicSpec spec = registry.find(path.group(2)).map(Magic::spec).orElse(null);
            boolean takesPath = spec != null && spec.positionals().stream().anyMatch(p -> p.type() == ArgType.PATH);
            if (takesPath) {
                String typed = path.group(3) == null ? "" : path.group(3);
                List<String> files = files(typed);
                return files.isEmpty() ? Completion.NONE : new Completion(at - typed.length(), at, files);
            }
        }
        return Completion.NONE;
    }

    /** Files and directories (with a trailing /) that start with what was typed. */
    private static List<String> files(String typed) {
        int slash = typed.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : typed.substring(0, slash + 1);
        String prefix = typed.substring(slash + 1);
        Path dir = dirPart.isEmpty() ? Path.of(".") : Path.of(dirPart.startsWith("~/") ? System.getProperty("user.home") + dirPart.substring(1) : dirPart);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : ""))
                    .filter(name -> name.startsWith(prefix) && (prefix.startsWith(".") || !name.startsWith(".")))
                    .sorted()
                    .limit(MAX_PATH_MATCHES)
                    .map(name -> dirPart + name)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
