package io.juxta.magics.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses a magic's argument line against its {@link MagicSpec}: {@code --flag},
 * {@code --opt value}, {@code --opt=value}, {@code -n 5}, {@code -n5}, {@code -ao} (clustered
 * flags), {@code --} to end options, shell quoting, and a raw rest of the line.
 */
public final class ArgParser {
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-\\d[\\d_.]*");

    private ArgParser() {
    }

    /** Parses the arguments of the line form. */
    public static MagicArgs parse(MagicSpec spec, String line) {
        return parse(spec, line, false);
    }

    public static MagicArgs parse(MagicSpec spec, String line, boolean cellForm) {
        ArgLexer lexer = new ArgLexer(line);
        Map<String, Object> values = new HashMap<>();
        Map<String, List<String>> positionals = new LinkedHashMap<>();
        List<ArgSpec> slots = spec.positionals();
        Optional<ArgSpec> rest = spec.rest().filter(r -> !cellForm || r.cellMetavar() != null);
        boolean hasOptions = !spec.options().isEmpty();
        boolean optionsEnded = !hasOptions;
        int slot = 0;
        String restText = null;

        while (true) {
            int start = lexer.peekStart();
            if (optionsEnded && rest.isPresent() && slot >= slots.size()) {
                restText = lexer.rawFrom(start).strip();
                break;
            }
            if (!optionsEnded && rest.isPresent() && slot >= slots.size() && start < line.length() && !line.startsWith("-", start)) {
                // the first thing that is not an option starts the raw rest (Java code, a command)
                restText = lexer.rawFrom(start).strip();
                break;
            }
            ArgLexer.Token token = lexer.next();
            if (token == null) {
                break;
            }
            String text = token.text();
            boolean looksLikeOption = !optionsEnded && !token.quoted() && text.startsWith("-") && text.length() > 1
                    && !NEGATIVE_NUMBER.matcher(text).matches();
            if (looksLikeOption && text.equals("--")) {
                optionsEnded = true;
            } else if (looksLikeOption && text.startsWith("--")) {
                parseLongOption(spec, text.substring(2), lexer, values);
            } else if (looksLikeOption) {
                parseShortOptions(spec, text.substring(1), lexer, values);
            } else {
                if (slot >= slots.size()) {
                    throw new UsageException("unexpected argument '" + text + "'");
                }
                ArgSpec target = slots.get(slot);
                convert(target, text, "argument " + target.metavar());
                positionals.computeIfAbsent(target.name(), k -> new ArrayList<>()).add(text);
                if (!target.repeated()) {
                    slot++;
                }
            }
        }
        for (ArgSpec target : slots) {
            if (target.required() && !positionals.containsKey(target.name())) {
                throw new UsageException("missing argument " + target.metavar());
            }
        }
        if (rest.isPresent() && rest.get().required() && (restText == null || restText.isEmpty())) {
            throw new UsageException("missing " + (cellForm ? rest.get().cellMetavar() : rest.get().metavar()));
        }
        return new MagicArgs(spec, values, positionals, restText);
    }

    private static void parseLongOption(MagicSpec spec, String body, ArgLexer lexer, Map<String, Object> values) {
        int equals = body.indexOf('=');
        String name = equals < 0 ? body : body.substring(0, equals);
        ArgSpec option = spec.option(name).orElseThrow(() -> new UsageException("unknown option --" + name + "."
                + EditDistance.didYouMean(name, spec.options().stream().map(ArgSpec::name).toList(), "--")));
        if (option.isFlag()) {
            if (equals >= 0) {
                throw new UsageException("option --" + name + " takes no value");
            }
            values.put(option.name(), Boolean.TRUE);
            return;
        }
        String value = equals >= 0 ? body.substring(equals + 1) : nextValue(lexer, "--" + name, option);
        values.put(option.name(), convert(option, value, "option --" + name));
    }

    private static void parseShortOptions(MagicSpec spec, String cluster, ArgLexer lexer, Map<String, Object> values) {
        for (int i = 0; i < cluster.length(); i++) {
            char letter = cluster.charAt(i);
            ArgSpec option = spec.option(letter).orElseThrow(() -> new UsageException("unknown option -" + letter + "."
                    + shortSuggestions(spec)));
            if (option.isFlag()) {
                values.put(option.name(), Boolean.TRUE);
                continue;
            }
            String attached = cluster.substring(i + 1);
            if (attached.startsWith("=")) {
                attached = attached.substring(1);
            }
            String value = attached.isEmpty() ? nextValue(lexer, "-" + letter, option) : attached;
            values.put(option.name(), convert(option, value, "option -" + letter));
            return;
        }
    }

    private static String shortSuggestions(MagicSpec spec) {
        List<String> known = spec.options().stream().map(o -> (o.shortName() != null ? "-" + o.shortName() + "/" : "") + "--" + o.name()).toList();
        return known.isEmpty() ? " This magic takes no options." : " Options: " + String.join(", ", known) + ".";
    }

    private static String nextValue(ArgLexer lexer, String written, ArgSpec option) {
        ArgLexer.Token token = lexer.next();
        if (token == null) {
            throw new UsageException("option " + written + " needs a value (" + option.metavar() + ")");
        }
        return token.text();
    }

    private static Object convert(ArgSpec arg, String text, String what) {
        try {
            return arg.type().convert(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(what + " expects " + arg.type().description() + ", not '" + text + "'");
        }
    }
}
