package io.juxta.toolkit.plot;

import java.util.ArrayList;
import java.util.List;

/** Conversions and checks of the Java arrays a cell passes to a plot. */
final class Arrays2 {
    private Arrays2() {}

    static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    static double[] toDouble(int[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    static double[] toDouble(List<? extends Number> values, String what) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            Number value = values.get(i);
            if (value == null) {
                throw new IllegalArgumentException(what + " has a null at index " + i + ": remove it or use Double.NaN");
            }
            out[i] = value.doubleValue();
        }
        return out;
    }

    static double[][] toDouble(float[][] matrix) {
        double[][] out = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = toDouble(matrix[i]);
        }
        return out;
    }

    static double[][] toDouble(int[][] matrix) {
        double[][] out = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = toDouble(matrix[i]);
        }
        return out;
    }

    static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double value : values) {
            out.add(value);
        }
        return out;
    }

    static List<Integer> boxed(int[] values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int value : values) {
            out.add(value);
        }
        return out;
    }

    static void requireSameLength(double[] x, double[] y, String xName, String yName) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(xName + " and " + yName + " must have the same length: got "
                    + x.length + " and " + y.length);
        }
    }

    static void requireNotEmpty(double[] values, String what) {
        if (values.length == 0) {
            throw new IllegalArgumentException(what + " is empty: there is nothing to plot");
        }
    }

    /** Checks that every row has the same, non-zero length; returns the number of rows. */
    static int requireRectangular(double[][] matrix, String what) {
        if (matrix.length == 0 || matrix[0] == null || matrix[0].length == 0) {
            throw new IllegalArgumentException(what + " is empty: there is nothing to plot");
        }
        for (int r = 1; r < matrix.length; r++) {
            if (matrix[r] == null || matrix[r].length != matrix[0].length) {
                throw new IllegalArgumentException(what + " must be rectangular: row 0 has " + matrix[0].length
                        + " values, row " + r + " has " + (matrix[r] == null ? "none (null)" : matrix[r].length));
            }
        }
        return matrix.length;
    }
}
