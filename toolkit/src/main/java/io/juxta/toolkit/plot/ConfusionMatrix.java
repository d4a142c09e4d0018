package io.juxta.toolkit.plot;

/** Counts of (true class, predicted class) pairs. */
final class ConfusionMatrix {
    private ConfusionMatrix() {}

    /** counts[actual][predicted]. */
    static int[][] count(int[] actual, int[] predicted, int classes) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("confusion(actual, predicted, classNames) needs one prediction per example: got "
                    + actual.length + " actual and " + predicted.length + " predicted labels");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("confusion(...) needs at least one class name");
        }
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            check(actual[i], classes, "actual", i);
            check(predicted[i], classes, "predicted", i);
            counts[actual[i]][predicted[i]]++;
        }
        return counts;
    }

    private static void check(int label, int classes, String which, int index) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(which + "[" + index + "] = " + label + " is not a class: there are "
                    + classes + " class names, so labels must be 0 to " + (classes - 1));
        }
    }

    /** The fraction on the diagonal; 0 for no examples. */
    static double accuracy(int[][] counts) {
        long total = 0;
        long right = 0;
        for (int r = 0; r < counts.length; r++) {
            for (int c = 0; c < counts[r].length; c++) {
                total += counts[r][c];
                if (r == c) {
                    right += counts[r][c];
                }
            }
        }
        return total == 0 ? 0 : (double) right / total;
    }
}
