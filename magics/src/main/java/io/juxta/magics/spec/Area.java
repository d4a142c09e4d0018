package io.juxta.magics.spec;

import java.util.List;

/**
 * The group a magic is listed under by {@code %lsmagic}. Other modules may use their own area
 * names; the known ones are listed first, in this order.
 */
public final class Area {
    public static final String FRAMEWORK = "Framework";
    public static final String TIMING = "Timing";
    public static final String DEPENDENCIES = "Dependencies";
    public static final String SESSION = "Session";
    public static final String OUTPUT = "Output";
    public static final String SHELL = "Shell";

    /** The order of {@code %lsmagic}; unknown areas follow alphabetically. */
    public static final List<String> ORDER = List.of(FRAMEWORK, TIMING, DEPENDENCIES, SESSION, OUTPUT, SHELL);

    private Area() {
    }

    public static int rank(String area) {
        int index = ORDER.indexOf(area);
        return index < 0 ? ORDER.size() : index;
    }
}
