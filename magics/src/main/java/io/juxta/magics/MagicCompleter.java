package io.juxta.magics;

import io.juxta.kernel.api.Completer;
import io.juxta.magics.spec.ArgSpec;
import io.juxta.magics.spec.MagicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Completes magic names after {@code %} and {@code %%}, and a magic's options after {@code -}. */
public final class MagicCompleter implements Completer {
    private static final Pattern NAME_PREFIX = Pattern.compile("^[ \\t]*(%%?)([A-Za-z][\\w-]*)?$");
    private static final Pattern MAGIC_LINE = Pattern.compile("^[ \\t]*(%%?)([A-Za-z][\\w-]*)[ \\t](?:.*[ \\t])?(-{1,2}[\\w-]*)$");

    private final MagicRegistry registry;

    public MagicCompleter(MagicRegistry registry) {
        this.registry = registry;
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
        return Completion.NONE;
    }
}
