package io.juxta.toolkit.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** One-line dataset loading for notebook cells. */
public final class Datasets {
    private Datasets() {}

    /** Fashion-MNIST's 60,000 training images (see {@link FashionMnist} for where they come from). */
    public static ImageDataset fashionMnist() {
        return FashionMnist.train();
    }

    /** Fashion-MNIST's 10,000 test images. */
    public static ImageDataset fashionMnistTest() {
        return FashionMnist.test();
    }

    /** The SpamAssassin emails (Subject and body), labelled ham or spam (see {@link SpamAssassin}). */
    public static TextDataset spamAssassin() {
        return SpamAssassin.load();
    }

    /** A CSV file of numeric features with its label in the named column. */
    public static TabularDataset csv(String file, String labelColumn) {
        try {
            return Csv.load(Path.of(file), labelColumn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A CSV file of numeric features with its label in the last column. */
    public static TabularDataset csv(String file) {
        try {
            return Csv.load(Path.of(file), -1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Texts labelled by the subfolder they are in. */
    public static TextDataset textFolder(String root) {
        try {
            return TextFolder.load(Path.of(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
    }
}
