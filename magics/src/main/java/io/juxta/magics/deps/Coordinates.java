package io.juxta.magics.deps;

/** A Maven artifact's identity as far as conflicts go: group, artifact, version. */
public record Coordinates(String groupId, String artifactId, String version) {
    /** {@code group:artifact}: two jars with the same key and different versions conflict. */
    public String key() {
        return groupId + ":" + artifactId;
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
