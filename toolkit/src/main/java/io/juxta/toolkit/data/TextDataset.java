package io.juxta.toolkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Labelled texts: {@link #texts()} and, per text, a class index into {@link #classNames()}. */
public final class TextDataset {
    private final List<String> texts;
    private final int[] labels;
    private final List<String> classNames;

    public TextDataset(List<String> texts, int[] labels, List<String> classNames) {
        if (texts.size() != labels.length) {
            throw new IllegalArgumentException(texts.size() + " texts but " + labels.length + " labels");
        }
        this.texts = List.copyOf(texts);
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
    }

    public int size() {
        return labels.length;
    }

    public List<String> texts() {
        return texts;
    }

    public String text(int index) {
        return texts.get(index);
    }

    /** The class index of each text. The array itself, not a copy. */
    public int[] labels() {
        return labels;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** The first n texts (all of them when there are fewer). */
    public TextDataset limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit takes a number of texts, at least 0; got " + n);
        }
        return n >= size() ? this : new TextDataset(texts.subList(0, n), Arrays.copyOf(labels, n), classNames);
    }

    /** The same texts in an order fixed by the seed. */
    public TextDataset shuffled(long seed) {
        int[] order = Shuffle.permutation(size(), seed);
        List<String> newTexts = new ArrayList<>(order.length);
        int[] newLabels = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            newTexts.add(texts.get(order[i]));
            newLabels[i] = labels[order[i]];
        }
        return new TextDataset(newTexts, newLabels, classNames);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TextDataset[%,d texts, %d classes]", size(), classNames.size());
    }
}
