package io.juxta.magics.spec;

import java.util.List;
import java.util.Map;

/** The parsed arguments of one call; absent options answer their declared default. */
public final class MagicArgs {
    private final MagicSpec spec;
    private final Map<String, Object> values;
    private final Map<String, List<String>> positionals;
    private final String rest;

    MagicArgs(MagicSpec spec, Map<String, Object> values, Map<String, List<String>> positionals, String rest) {
        this.spec = spec;
        this.values = Map.copyOf(values);
        this.positionals = Map.copyOf(positionals);
        this.rest = rest;
    }

    public MagicSpec spec() {
        return spec;
    }

    public boolean flag(String longName) {
        declared(longName);
        return values.containsKey(longName);
    }

    /** Whether the option was given (rather than defaulted). */
    public boolean has(String name) {
        return values.containsKey(name) || positionals.containsKey(name);
    }

    public Integer intOption(String longName) {
        return (Integer) option(longName);
    }

    public Double doubleOption(String longName) {
        return (Double) option(longName);
    }

    public String stringOption(String longName) {
        Object value = option(longName);
        return value == null ? null : value.toString();
    }

    public Object option(String longName) {
        ArgSpec arg = declared(longName);
        return values.getOrDefault(longName, arg.defaultValue());
    }

    /** A single positional, or null when an optional one was left out. */
    public String positional(String name) {
        List<String> given = positionals(name);
        return given.isEmpty() ? null : given.get(0);
    }

    public List<String> positionals(String name) {
        if (spec.positionals().stream().noneMatch(p -> p.name().equals(name))) {
            throw new IllegalArgumentException(spec.name() + " declares no positional " + name);
        }
        return positionals.getOrDefault(name, List.of());
    }

    /** The raw rest of the line, stripped; "" when none was given. */
    public String rest() {
        return rest == null ? "" : rest;
    }

    private ArgSpec declared(String longName) {
        return spec.option(longName).orElseThrow(() -> new IllegalArgumentException(spec.name() + " declares no option --" + longName));
    }
}
