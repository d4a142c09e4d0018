package io.juxta.toolkit.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads texts labelled by folder: each subfolder of the root is a class (sorted by name) and
 * each file in it one text, read as UTF-8 with undecodable bytes replaced. Hidden files are
 * skipped.
 */
public final class TextFolder {
    private TextFolder() {}

    /** Every file of every class folder. */
    public static TextDataset load(Path root) throws IOException {
        return load(root, "");
    }

    /** Files whose names end with the suffix (e.g. ".txt"). */
    public static TextDataset load(Path root, String suffix) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a folder: pass a folder with one subfolder per class");
        }
        List<Path> classDirs;
        try (Stream<Path> children = Files.list(root)) {
            classDirs = children.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        }
        if (classDirs.isEmpty()) {
            throw new IllegalArgumentException(root + " has no subfolders: put each class's files in a subfolder named after the class");
        }
        List<String> classNames = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path classDir : classDirs) {
            int label = classNames.size();
            classNames.add(classDir.getFileName().toString());
            List<Path> files;
            try (Stream<Path> children = Files.list(classDir)) {
                files = children.filter(Files::isRegularFile).filter(p -> !hidden(p))
                        .filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
            }
            for (Path file : files) {
                texts.add(readText(file));
                labels.add(label);
            }
        }
        return new TextDataset(texts, labels.stream().mapToInt(Integer::intValue).toArray(), classNames);
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private static String readText(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
    }
}
