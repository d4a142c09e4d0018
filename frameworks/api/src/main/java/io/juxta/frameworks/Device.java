package io.juxta.frameworks;

/** Where a tensor lives. Backends report which devices they can use ({@link Backend#isAvailable(Device)}). */
public record Device(Kind kind, int index) {
    public enum Kind { CPU, GPU }

    public static final Device CPU = new Device(Kind.CPU, 0);

    public static Device gpu(int index) { return new Device(Kind.GPU, index); }

    /** Parses {@code cpu}, {@code gpu}, {@code gpu:1}, {@code cuda:0}. */
    public static Device parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("cpu")) return CPU;
        String[] parts = t.split(":", 2);
        if (parts[0].equals("gpu") || parts[0].equals("cuda")) {
            try {
                return gpu(parts.length == 2 ? Integer.parseInt(parts[1]) : 0);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad device index in '" + text + "': use cpu, gpu or gpu:N");
            }
        }
        throw new IllegalArgumentException("Unknown device '" + text + "': use cpu, gpu or gpu:N");
    }

    @Override public String toString() { return kind == Kind.CPU ? "cpu" : "gpu:" + index; }
}
