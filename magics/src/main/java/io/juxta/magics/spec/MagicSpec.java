package io.juxta.magics.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one declaration of a magic. Parsing, usage lines, {@code %help}, {@code %lsmagic},
 * completion and error messages are all derived from it.
 */
public final class MagicSpec {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern LONG_OPTION = Pattern.compile("[a-z][a-z0-9-]*");

    private final String name;
    private final MagicKind kind;
    private final String area;
    private final String summary;
    private final String details;
    private final List<ArgSpec> args;

    private MagicSpec(Builder builder) {
        this.name = builder.name;
        this.kind = builder.kind;
        this.area = builder.area;
        this.summary = builder.summary;
        this.details = builder.details;
        this.args = List.copyOf(builder.args);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public MagicKind kind() {
        return kind;
    }

    public String area() {
        return area;
    }

    /** One sentence, shown by {@code %lsmagic} and in the docs table. */
    public String summary() {
        return summary;
    }

    /** Longer help: semantics, examples, caveats. May be empty. */
    public String details() {
        return details;
    }

    public List<ArgSpec> args() {
        return args;
    }

    public List<ArgSpec> options() {
        return args.stream().filter(a -> a.role() == ArgSpec.Role.OPTION).toList();
    }

    public List<ArgSpec> positionals() {
        return args.stream().filter(a -> a.role() == ArgSpec.Role.POSITIONAL).toList();
    }

    public Optional<ArgSpec> rest() {
        return args.stream().filter(a -> a.role() == ArgSpec.Role.REST).findFirst();
    }

    public Optional<ArgSpec> option(String longName) {
        return options().stream().filter(o -> o.name().equals(longName)).findFirst();
    }

    public Optional<ArgSpec> option(char shortName) {
        return options().stream().filter(o -> o.shortName() != null && o.shortName() == shortName).findFirst();
    }

    /** The usage line of one form: {@code %timeit [-n N] STATEMENT} or {@code %%timeit ...}. */
    public String usage(boolean cellForm) {
        StringBuilder line = new StringBuilder(cellForm ? "%%" : "%").append(name);
        for (ArgSpec arg : args) {
            String fragment = arg.usageFragment(cellForm);
            if (!fragment.isEmpty()) {
                line.append(' ').append(fragment);
            }
        }
        if (cellForm) {
            line.append("\n<cell body>");
        }
        return line.toString();
    }

    /** Usage of every form the magic has. */
    public String usage() {
        List<String> forms = new ArrayList<>();
        if (kind.allowsLine()) {
            forms.add(usage(false));
        }
        if (kind.allowsCell()) {
            forms.add(usage(true));
        }
        return String.join("\n", forms);
    }

    /** The full help of {@code %help NAME} and {@code %NAME?}. */
    public String help() {
        StringBuilder text = new StringBuilder();
        text.append(usage()).append("\n\n").append(summary).append('\n');
        if (!details.isBlank()) {
            text.append('\n').append(details.strip()).append('\n');
        }
        List<ArgSpec> operands = args.stream().filter(a -> a.role() != ArgSpec.Role.OPTION).toList();
        appendTable(text, "Arguments:", operands);
        appendTable(text, "Options:", options());
        return text.toString().stripTrailing();
    }

    private static void appendTable(StringBuilder text, String title, List<ArgSpec> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int width = rows.stream().mapToInt(a -> a.helpLabel().length()).max().orElse(0) + 2;
        text.append('\n').append(title).append('\n');
        for (ArgSpec arg : rows) {
            String description = arg.help();
            if (arg.defaultValue() != null) {
                description += " (default: " + arg.defaultValue() + ")";
            }
            text.append("  ").append(String.format("%-" + width + "s", arg.helpLabel())).append(description).append('\n');
        }
    }

    @Override
    public String toString() {
        return "MagicSpec[" + name + "]";
    }

    /** Declares a magic; {@link #build()} checks the declaration is consistent. */
    public static final class Builder {
        private final String name;
        private MagicKind kind = MagicKind.LINE;
        private String area = "Other";
        private String summary;
        private String details = "";
        private final List<ArgSpec> args = new ArrayList<>();

        private Builder(String name) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("bad magic name: " + name);
            }
            this.name = name;
        }

        public Builder kind(MagicKind kind) {
            this.kind = Objects.requireNonNull(kind);
            return this;
        }

        public Builder area(String area) {
            this.area = Objects.requireNonNull(area);
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder details(String details) {
            this.details = details;
            return this;
        }

        public Builder flag(Character shortName, String longName, String help) {
            return add(ArgSpec.option(shortName, longName, ArgType.FLAG, null, null, help));
        }

        public Builder option(Character shortName, String longName, ArgType type, Object defaultValue, String metavar, String help) {
            if (type == ArgType.FLAG) {
                throw new IllegalArgumentException("use flag(...) for " + longName);
            }
            return add(ArgSpec.option(shortName, longName, type, defaultValue, metavar, help));
        }

        public Builder positional(String name, ArgType type, boolean required, String help) {
            return add(ArgSpec.positional(name, type, required, false, help));
        }

        /** A positional that takes every remaining token (at least one when required). */
        public Builder positionals(String name, ArgType type, boolean required, String help) {
            return add(ArgSpec.positional(name, type, required, true, help));
        }

        /** The raw rest of the line after the options, for example Java code; the cell form takes none. */
        public Builder rest(String name, boolean required, String help) {
            return add(ArgSpec.rest(name, null, required, help));
        }

        /** The raw rest of the line, called {@code name} in the line form and {@code cellName} in the cell form. */
        public Builder rest(String name, String cellName, boolean required, String help) {
            return add(ArgSpec.rest(name, cellName, required, help));
        }

        private Builder add(ArgSpec arg) {
            args.add(arg);
            return this;
        }

        public MagicSpec build() {
            if (summary == null || summary.isBlank()) {
                throw new IllegalStateException("magic " + name + " has no summary");
            }
            List<String> seen = new ArrayList<>();
            boolean sawOptional = false;
            boolean sawTail = false;
            for (ArgSpec arg : args) {
                String key = arg.role() == ArgSpec.Role.OPTION ? "--" + arg.name() : arg.name();
                if (seen.contains(key) || (arg.shortName() != null && seen.contains("-" + arg.shortName()))) {
                    throw new IllegalStateException("magic " + name + " declares " + key + " twice");
                }
                seen.add(key);
                if (arg.shortName() != null) {
                    seen.add("-" + arg.shortName());
                }
                if (arg.role() == ArgSpec.Role.OPTION) {
                    if (!LONG_OPTION.matcher(arg.name()).matches()) {
                        throw new IllegalStateException("bad option name --" + arg.name());
                    }
                    continue;
                }
                if (sawTail) {
                    throw new IllegalStateException("magic " + name + ": nothing may follow a repeated positional or the rest of the line");
                }
                if (arg.required() && sawOptional) {
                    throw new IllegalStateException("magic " + name + ": a required positional follows an optional one");
                }
                sawOptional |= !arg.required();
                sawTail |= arg.repeated() || arg.role() == ArgSpec.Role.REST;
            }
            return new MagicSpec(this);
        }
    }
}
