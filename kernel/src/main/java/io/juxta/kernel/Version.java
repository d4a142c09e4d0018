package io.juxta.kernel;

/** Juxta's version, from the jar manifest when packaged. */
public final class Version {
    public static final String JUXTA = version();

    private Version() {
    }

    private static String version() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }
}
