package io.juxta.toolkit.data;

import java.nio.file.Path;

/** Where datasets live: {@code $JUXTA_DATA}, else {@code ~/.juxta/data}. */
final class DataDirs {
    static final String ENV = "JUXTA_DATA";

    private DataDirs() {}

    static Path dataRoot() {
        String configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".juxta", "data");
    }
}
