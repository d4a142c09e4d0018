package io.juxta.toolkit.plot;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Conversions and checks of the Java arrays a cell passes to a plot. */
final class PlotInput {
    private PlotInput() {}

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

    /** Names for bars, rows, columns or classes: none null, or XChart says only "Series data must be ... type!!!". */
    static void requireNames(String[] names, String what, String noun) {
        if (names == null) {
            throw new IllegalArgumentException(what + "s are null: give one name per " + noun);
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null) {
                throw new IllegalArgumentException(what + " " + i + " is null; give every " + noun + " a name");
            }
        }
    }

    /** Values of a series, or a clear error naming it when there are none. */
    static double[] requireValues(double[] values, String what) {
        if (values == null) {
            throw new IllegalArgumentException(what + " is null: there is nothing to plot");
        }
        return values;
    }

    /** A tensor's values on the host, or a clear error for a symbolic one. */
    static HostArray host(Tensor tensor, String what) {
        if (tensor == null) {
            throw new IllegalArgumentException(what + " is null: there is nothing to plot");
        }
        if (tensor.isSymbolic()) {
            throw new IllegalArgumentException(what + " is symbolic (inside a traced step) and has no values to plot yet");
        }
        return tensor.toHost();
    }

    /** Every value of a tensor, for 1-D plots; a tensor of another rank must be flattened on purpose. */
    static double[] values(Tensor tensor, String what) {
        HostArray host = host(tensor, what);
        int nonUnit = 0;
        for (int d : host.shape()) {
            nonUnit += d == 1 ? 0 : 1;
        }
        if (nonUnit > 1) {
            throw new IllegalArgumentException(what + " must be 1-D for this plot, but has shape " + Arrays.toString(host.shape())
                    + ": pick a row or flatten it (x.reshape(-1))");
        }
        return host.toDoubleArray();
    }

    /** A 2-D host array as rows of doubles. */
    static double[][] matrix(HostArray host, String what) {
        if (host.rank() != 2) {
            throw new IllegalArgumentException(what + " must be 2-D, but has shape " + Arrays.toString(host.shape()));
        }
        int rows = host.dim(0);
        int columns = host.dim(1);
        double[][] out = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                out[r][c] = host.get(r * columns + c);
            }
        }
        return out;
    }

    /** Class indices: a 1-D array of integers as they are, or the index of the largest score in each row of a 2-D array. */
    static int[] classes(HostArray host) {
        if (host.rank() == 2) {
            int rows = host.dim(0);
            int columns = host.dim(1);
            int[] best = new int[rows];
            for (int r = 0; r < rows; r++) {
                for (int c = 1; c < columns; c++) {
                    if (host.get(r * columns + c) > host.get(r * columns + best[r])) {
                        best[r] = c;
                    }
                }
            }
            return best;
        }
        if (host.rank() > 2) {
            throw new IllegalArgumentException("class labels must be 1-D (indices) or 2-D (scores per class), not shape "
                    + Arrays.toString(host.shape()));
        }
        return host.toIntArray();
    }

    /** [N, C, H, W] and [N, H, W] as they are; [N, D] with square D as N grey D-pixel squares. */
    static int[] imageShape(int[] shape) {
        if (shape.length == 4 || shape.length == 3) {
            return shape;
        }
        if (shape.length == 2) {
            int side = (int) Math.round(Math.sqrt(shape[1]));
            if (side * side == shape[1] && side > 0) {
                return new int[] {shape[0], 1, side, side};
            }
        }
        throw new IllegalArgumentException("images(...) takes a tensor [N, C, H, W], [N, H, W] or [N, H*W] with square images; got shape "
                + Arrays.toString(shape));
    }
}
