package io.juxta.toolkit.data;

import io.juxta.frameworks.DataSource;
import io.juxta.frameworks.Dataset;
import io.juxta.frameworks.HostArray;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Labelled images in host memory: {@link #images()} holds N images of C×H×W floats, one after
 * another (NCHW), and {@link #labels()} N class indices into {@link #classNames()}.
 */
public final class ImageDataset implements DataSource {
    private final float[] images;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;

    public ImageDataset(float[] images, int[] labels, int channels, int height, int width, List<String> classNames) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("channels, height and width must be at least 1; got "
                    + channels + "×" + height + "×" + width);
        }
        long imageSize = (long) channels * height * width;
        if (images.length != imageSize * labels.length) {
            throw new IllegalArgumentException(labels.length + " labels need " + labels.length + " × " + imageSize
                    + " = " + imageSize * labels.length + " image values; got " + images.length);
        }
        this.images = images;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classNames = List.copyOf(classNames);
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** All pixels, NCHW. The array itself, not a copy: do not modify it. */
    public float[] images() {
        return images;
    }

    /** The class index of each image. The array itself, not a copy. */
    public int[] labels() {
        return labels;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Values per image: channels × height × width. */
    public int imageSize() {
        return channels * height * width;
    }

    /** {N, C, H, W}. */
    public int[] shape() {
        return new int[] {size(), channels, height, width};
    }

    public List<String> classNames() {
        return classNames;
    }

    /** A copy of one image's values. */
    public float[] image(int index) {
        checkIndex(index);
        return Arrays.copyOfRange(images, index * imageSize(), (index + 1) * imageSize());
    }

    /** The class name of one image. */
    public String className(int index) {
        checkIndex(index);
        int label = labels[index];
        return label >= 0 && label < classNames.size() ? classNames.get(label) : Integer.toString(label);
    }

    /** The first n images (all of them when there are fewer). */
    public ImageDataset limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit takes a number of images, at least 0; got " + n);
        }
        return n >= size() ? this : slice(0, n);
    }

    /** Images from (inclusive) to (exclusive). */
    public ImageDataset slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("slice(" + from + ", " + to + ") is outside 0.." + size());
        }
        return new ImageDataset(Arrays.copyOfRange(images, from * imageSize(), to * imageSize()),
                Arrays.copyOfRange(labels, from, to), channels, height, width, classNames);
    }

    /** The same images in an order fixed by the seed. */
    public ImageDataset shuffled(long seed) {
        int[] order = Shuffle.permutation(size(), seed);
        int stride = imageSize();
        float[] newImages = new float[images.length];
        int[] newLabels = new int[labels.length];
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(images, order[i] * stride, newImages, i * stride, stride);
            newLabels[i] = labels[order[i]];
        }
        return new ImageDataset(newImages, newLabels, channels, height, width, classNames);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("image " + index + " of a dataset of " + size());
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ImageDataset[%,d images of %d×%d×%d, %d classes]",
                size(), channels, height, width, classNames.size());
    }

    /** The images as an N×C×H×W float32 array and the labels as int32, so {@code model.fit(data, ...)} takes this dataset as it is. */
    @Override
    public Dataset toDataset() {
        return Dataset.of("images", HostArray.of(images, size(), channels, height, width), HostArray.of(labels, size()));
    }
}
