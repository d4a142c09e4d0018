package io.juxta.magics.spec;

/** The type of an option's or positional's value; conversion errors become usage errors. */
public enum ArgType {
    /** An option without a value. */
    FLAG("", "a flag"),
    INT("N", "a whole number"),
    DOUBLE("X", "a number"),
    STRING("TEXT", "a value"),
    PATH("PATH", "a file path");

    private final String defaultMetavar;
    private final String description;

    ArgType(String defaultMetavar, String description) {
        this.defaultMetavar = defaultMetavar;
        this.description = description;
    }

    public String defaultMetavar() {
        return defaultMetavar;
    }

    /** For messages: "expects a whole number". */
    public String description() {
        return description;
    }

    /** Converts a token; throws {@link IllegalArgumentException} with no message when it does not fit. */
    Object convert(String text) {
        switch (this) {
            case INT:
                return Integer.parseInt(text.replace("_", ""));
            case DOUBLE:
                return Double.parseDouble(text);
            case FLAG:
                throw new IllegalArgumentException();
            default:
                return text;
        }
    }
}
