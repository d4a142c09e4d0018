package io.juxta.toolkit.table;

import io.juxta.frameworks.DType;
import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.train.History;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tablesaw tables from tensors and training histories; a table returned from a cell shows as HTML (head and tail
 * when large) and as text.
 *
 * <pre>{@code
 * Tables.of(history)          // one row per epoch: loss, metrics, val_*, seconds
 * Tables.steps(history)       // one row per step: loss, milliseconds
 * Tables.of(logits)           // a 2-D tensor: one row per row, columns c0, c1, ...
 * }</pre>
 */
public final class Tables {
    private Tables() {}

    /** A 1-D or 2-D tensor as a table: one column "value" for 1-D, columns c0, c1, ... for 2-D. */
    public static Table of(Tensor tensor) {
        if (tensor.isSymbolic()) {
            throw new IllegalArgumentException("this tensor is symbolic (inside a traced step) and has no values to tabulate");
        }
        return of(tensor.toHost(), "tensor " + Arrays.toString(tensor.shape()));
    }

    /** A 1-D or 2-D host array as a table. */
    public static Table of(HostArray array) {
        return of(array, "array " + Arrays.toString(array.shape()));
    }

    /** A 2-D tensor with named columns, e.g. {@code Tables.of(probabilities, classNames)}. */
    public static Table of(Tensor tensor, String... columnNames) {
        Table table = of(tensor);
        if (columnNames.length != table.columnCount()) {
            throw new IllegalArgumentException("give one name per column: the tensor has " + table.columnCount()
                    + " columns, got " + columnNames.length + " names");
        }
        for (int c = 0; c < columnNames.length; c++) {
            table.column(c).setName(columnNames[c]);
        }
        return table;
    }

    private static Table of(HostArray array, String name) {
        Table table = Table.create(name);
        if (array.rank() == 0 || array.rank() == 1) {
            table.addColumns(column("value", array, 0, 1, array.size()));
            return table;
        }
        if (array.rank() != 2) {
            throw new IllegalArgumentException("a table needs a 1-D or 2-D tensor; this one has shape "
                    + Arrays.toString(array.shape()) + ": reshape it first, e.g. x.reshape(" + array.dim(0) + ", -1)");
        }
        int rows = array.dim(0);
        int columns = array.dim(1);
        for (int c = 0; c < columns; c++) {
            table.addColumns(column("c" + c, array, c, columns, rows));
        }
        return table;
    }

    /** Values {@code offset, offset + stride, ...} of a host array as a column of its kind. */
    private static tech.tablesaw.columns.Column<?> column(String name, HostArray array, int offset, int stride, int count) {
        DType dtype = array.dtype();
        if (dtype == DType.INT32 || dtype == DType.BOOL) {
            int[] values = new int[count];
            for (int i = 0; i < count; i++) {
                values[i] = (int) array.get(offset + i * stride);
            }
            return IntColumn.create(name, values);
        }
        if (dtype == DType.INT64) {
            long[] values = new long[count];
            for (int i = 0; i < count; i++) {
                values[i] = (long) array.get(offset + i * stride);
            }
            return LongColumn.create(name, values);
        }
        double[] values = new double[count];
        boolean single = dtype == DType.FLOAT32;
        for (int i = 0; i < count; i++) {
            double v = array.get(offset + i * stride);
            // a float32 widened shows its binary noise (0.10000000149011612): keep the float's own shortest decimal
            values[i] = single && Double.isFinite(v) ? Double.parseDouble(Float.toString((float) v)) : v;
        }
        return DoubleColumn.create(name, values);
    }

    /** One row per epoch: epoch (from 1), loss, each metric, each validation result (val_...), seconds. */
    public static Table of(History history) {
        Table table = Table.create("history (" + history.backend() + ")");
        List<History.Epoch> epochs = history.epochs();
        int[] numbers = new int[epochs.size()];
        double[] seconds = new double[epochs.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = epochs.get(i).index() + 1;
            seconds[i] = epochs.get(i).seconds();
        }
        table.addColumns(IntColumn.create("epoch", numbers));
        for (Map.Entry<String, double[]> series : history.epochSeries().entrySet()) {
            table.addColumns(DoubleColumn.create(series.getKey(), series.getValue()));
        }
        table.addColumns(DoubleColumn.create("seconds", seconds));
        return table;
    }

    /** One row per training step: step (from 1), loss, milliseconds. */
    public static Table steps(History history) {
        double[] losses = history.losses();
        int[] steps = new int[losses.length];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i + 1;
        }
        return Table.create("steps (" + history.backend() + ")",
                IntColumn.create("step", steps), DoubleColumn.create("loss", losses),
                DoubleColumn.create("ms", history.stepTimesMillis()));
    }

    /** Several runs side by side, one row per epoch and run: run, epoch, loss, metrics, seconds. */
    public static Table of(History... runs) {
        if (runs.length == 1) {
            return of(runs[0]);
        }
        Set<String> series = new LinkedHashSet<>();
        for (History run : runs) {
            series.addAll(run.epochSeries().keySet());
        }
        Table table = Table.create("histories");
        StringColumn names = StringColumn.create("run");
        IntColumn epochs = IntColumn.create("epoch");
        table.addColumns(names, epochs);
        for (String s : series) {
            table.addColumns(DoubleColumn.create(s));
        }
        DoubleColumn seconds = DoubleColumn.create("seconds");
        table.addColumns(seconds);
        for (History run : runs) {
            Map<String, double[]> values = run.epochSeries();
            List<History.Epoch> list = run.epochs();
            for (int e = 0; e < list.size(); e++) {
                names.append(run.backend());
                epochs.append(list.get(e).index() + 1);
                for (String s : series) {
                    double[] v = values.get(s);
                    DoubleColumn column = table.doubleColumn(s);
                    if (v == null) {
                        column.appendMissing();
                    } else {
                        column.append(v[e]);
                    }
                }
                seconds.append(list.get(e).seconds());
            }
        }
        return table;
    }
}
