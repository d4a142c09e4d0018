package io.juxta.toolkit.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST (Zalando, MIT licence): 60,000 training and 10,000 test images of clothing,
 * 28×28 grey, 10 classes. Read from the standard four IDX files, gzip-compressed or not, in the
 * first of these folders that has them:
 * <ol>
 *   <li>{@code $JUXTA_DATA/fashion-mnist}</li>
 *   <li>{@code /usr/share/datasets/fashion-mnist} (Debian package {@code dataset-fashion-mnist})</li>
 * </ol>
 * When neither has them, they are downloaded from the dataset's public source into the first
 * folder ({@code ~/.juxta/data/fashion-mnist} when {@code JUXTA_DATA} is not set).
 */
public final class FashionMnist {
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Where the authors publish the files; a system property of the same name overrides it. */
    public static final String DOWNLOAD_URL_PROPERTY = "juxta.fashionMnist.url";
    static final String DEFAULT_DOWNLOAD_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    private static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private FashionMnist() {}

    /** The training and test sets. */
    public record Splits(ImageDataset train, ImageDataset test) {
        /** Both sets cut to at most n images each. */
        public Splits limit(int n) {
            return new Splits(train.limit(n), test.limit(n));
        }
    }

    /** Both sets from the first folder that has the files, downloading them when none has. */
    public static Splits load() {
        try {
            return load(locate());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Both sets from one folder holding the four files. */
    public static Splits load(Path dir) throws IOException {
        return new Splits(load(dir, TRAIN_IMAGES, TRAIN_LABELS), load(dir, TEST_IMAGES, TEST_LABELS));
    }

    /** The 60,000 training images. */
    public static ImageDataset train() {
        try {
            return load(locate(), TRAIN_IMAGES, TRAIN_LABELS);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The 10,000 test images. */
    public static ImageDataset test() {
        try {
            return load(locate(), TEST_IMAGES, TEST_LABELS);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    static ImageDataset load(Path dir, String imagesName, String labelsName) throws IOException {
        Idx.Array images = Idx.read(find(dir, imagesName));
        Idx.Array labels = Idx.read(find(dir, labelsName));
        if (images.magic() != 0x803 || labels.magic() != 0x801) {
            throw new IOException(String.format("%s: expected images with magic 0x803 and labels with 0x801, found 0x%x and 0x%x",
                    dir, images.magic(), labels.magic()));
        }
        int[] dims = images.dims();
        if (dims[0] != labels.dims()[0]) {
            throw new IOException(dir + ": " + dims[0] + " images but " + labels.dims()[0] + " labels");
        }
        return new ImageDataset(images.toUnitFloats(), labels.toInts(), 1, dims[1], dims[2], CLASS_NAMES);
    }

    /** The file with or without ".gz". */
    private static Path find(Path dir, String name) throws IOException {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path file = dir.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IOException("no " + name + "(.gz) in " + dir);
    }

    static boolean hasAllFiles(Path dir) {
        for (String name : FILES) {
            if (!Files.isRegularFile(dir.resolve(name + ".gz")) && !Files.isRegularFile(dir.resolve(name))) {
                return false;
            }
        }
        return true;
    }

    /** The folders searched, in order; the first is where a download goes. */
    public static List<Path> searchPath() {
        List<Path> dirs = new ArrayList<>();
        dirs.add(DataDirs.dataRoot().resolve("fashion-mnist"));
        dirs.add(SYSTEM_DIR);
        return dirs;
    }

    /** The folder to read from: the first that has the files, else a fresh download. */
    static Path locate() throws IOException {
        return locate(searchPath(), URI.create(System.getProperty(DOWNLOAD_URL_PROPERTY, DEFAULT_DOWNLOAD_URL)));
    }

    /** The first of dirs that has the files, else the first of dirs after downloading them there from base. */
    static Path locate(List<Path> dirs, URI base) throws IOException {
        for (Path dir : dirs) {
            if (hasAllFiles(dir)) {
                return dir;
            }
        }
        Path target = dirs.get(0);
        try {
            Download.files(base, FILES.stream().map(name -> name + ".gz").toList(), target);
        } catch (IOException e) {
            throw new IOException("Fashion-MNIST is not in " + dirs + " and downloading it from " + base + " failed ("
                    + e.getMessage() + "). Install the Debian package dataset-fashion-mnist, or put the four files "
                    + FILES + " (.gz or not) in " + target, e);
        }
        return target;
    }
}
