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
    private final String cellMetavar;

    private ArgSpec(Role role, String name, Character shortName, ArgType type, Object defaultValue,
                    String metavar, String help, boolean required, boolean repeated, String cellMetavar) {
        this.role = role;
        this.name = Objects.requireNonNull(name);
        this.shortName = shortName;
        this.type = type;
        this.defaultValue = defaultValue;
        this.metavar = metavar == null ? type.defaultMetavar() : metavar;
        this.help = help;
        this.required = required;
        this.repeated = repeated;
        this.cellMetavar = cellMetavar;
    }

    static ArgSpec option(Character shortName, String longName, ArgType type, Object defaultValue, String metavar, String help) {
        return new ArgSpec(Role.OPTION, longName, shortName, type, defaultValue, metavar, help, false, false, null);
    }

    static ArgSpec positional(String name, ArgType type, boolean required, boolean repeated, String help) {
        return new ArgSpec(Role.POSITIONAL, name, null, type, null, name.toUpperCase(java.util.Locale.ROOT), help, required, repeated, null);
    }

    /** @param cellName what the rest of the first line means in the cell form, or null when the cell form takes none */
    static ArgSpec rest(String name, String cellName, boolean required, String help) {
        String cellMetavar = cellName == null ? null : cellName.toUpperCase(java.util.Locale.ROOT);
        return new ArgSpec(Role.REST, name, null, ArgType.STRING, null, name.toUpperCase(java.util.Locale.ROOT), help, required, false, cellMetavar);
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

    /** For the rest of the line: its name in the cell form ({@code SETUP}), or null when the cell form takes none. */
    public String cellMetavar() {
        return cellMetavar;
    }

    public boolean isFlag() {
        return role == Role.OPTION && type == ArgType.FLAG;
    }

    /** How the argument appears in a usage line: {@code [-n N]}, {@code FILE...}, {@code [NAME]}; "" when the form has no such argument. */
    public String usageFragment(boolean cellForm) {
        if (role == Role.REST && cellForm) {
            return cellMetavar == null ? "" : required ? cellMetavar : "[" + cellMetavar + "]";
        }
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
        if (role == Role.REST && cellMetavar != null) {
            return metavar + " / " + cellMetavar;
        }
        if (role != Role.OPTION) {
            return metavar + (repeated ? " ..." : "");
        }
        String label = (shortName != null ? "-" + shortName + ", " : "    ") + "--" + name;
        return isFlag() ? label : label + " " + metavar;
    }
}
