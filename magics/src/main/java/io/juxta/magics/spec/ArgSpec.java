package io.juxta.magics.spec;

import java.util.Objects;

/**
 * One declared argument of a magic: an option ({@code -n 5}, {@code --number=5}, a flag
 * {@code -o}), a positional ({@code FILE}, possibly repeated), or the raw rest of the line
 * ({@code %time STATEMENT}), which is never split or unquoted.
 */
public final class ArgSpec {
    public enum Role { OPTION, POSITIONAL, REST }

    private final Role role;
    private final String name;
    private final Character shortName;
    private final ArgType type;
    private final Object defaultValue;
    private final String metavar;
    private final String help;
    private final boolean required;
    private final boolean repeated;

    private ArgSpec(Role role, String name, Character shortName, ArgType type, Object defaultValue,
                    String metavar, String help, boolean required, boolean repeated) {
        this.role = role;
        this.name = Objects.requireNonNull(name);
        this.shortName = shortName;
        this.type = type;
        this.defaultValue = defaultValue;
        this.metavar = metavar == null ? type.defaultMetavar() : metavar;
        this.help = help;
        this.required = required;
        this.repeated = repeated;
    }

    static ArgSpec option(Character shortName, String longName, ArgType type, Object defaultValue, String metavar, String help) {
        return new ArgSpec(Role.OPTION, longName, shortName, type, defaultValue, metavar, help, false, false);
    }

    static ArgSpec positional(String name, ArgType type, boolean required, boolean repeated, String help) {
        return new ArgSpec(Role.POSITIONAL, name, null, type, null, name.toUpperCase(java.util.Locale.ROOT), help, required, repeated);
    }

    static ArgSpec rest(String name, boolean required, String help) {
        return new ArgSpec(Role.REST, name, null, ArgType.STRING, null, name.toUpperCase(java.util.Locale.ROOT), help, required, false);
    }

    public Role role() {
        return role;
    }

    /** The long name of an option, or the name of a positional or rest argument. */
    public String name() {
        return name;
    }

    public Character shortName() {
        return shortName;
    }

    public ArgType type() {
        return type;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    public String metavar() {
        return metavar;
    }

    public String help() {
        return help;
    }

    public boolean required() {
        return required;
    }

    public boolean repeated() {
        return repeated;
    }

    public boolean isFlag() {
        return role == Role.OPTION && type == ArgType.FLAG;
    }

    /** How the argument appears in a usage line: {@code [-n N]}, {@code FILE...}, {@code [NAME]}. */
    public String usageFragment() {
        switch (role) {
            case OPTION: {
                String switchName = shortName != null ? "-" + shortName : "--" + name;
                return "[" + switchName + (isFlag() ? "" : " " + metavar) + "]";
            }
            default: {
                String text = metavar + (repeated ? " ..." : "");
                return required ? text : "[" + text + "]";
            }
        }
    }

    /** The left column of the help's argument table: {@code -n, --number N}. */
    public String helpLabel() {
        if (role != Role.OPTION) {
            return metavar + (repeated ? " ..." : "");
        }
        String label = (shortName != null ? "-" + shortName + ", " : "    ") + "--" + name;
        return isFlag() ? label : label + " " + metavar;
    }
}
