package io.juxta.toolkit.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file (plain or gzip) of numeric features and one label column into a
 * {@link TabularDataset}. The first line is taken as a header when it names columns that hold
 * numbers below it. Labels that are whole numbers are used as class indices; any other labels
 * become classes in sorted order.
 */
public final class Csv {
    private Csv() {}

    /** Loads with the label in the named column (the file needs a header). */
    public static TabularDataset load(Path file, String labelColumn) throws IOException {
        List<List<String>> rows = readCommaSeparated(file);
        boolean header = hasHeader(rows);
        if (!header) {
            throw new IllegalArgumentException(file + " has no header line, so its columns have no names: "
                    + "pass the label column's index instead, e.g. Csv.load(file, -1) for the last column");
        }
        int index = rows.get(0).indexOf(labelColumn);
        if (index < 0) {
            throw new IllegalArgumentException(file + " has no column \"" + labelColumn + "\"; its columns are " + rows.get(0));
        }
        return toDataset(file, rows, true, index, List.of());
    }

    /**
     * Loads with the label in the given column; negative counts from the end (-1 is the last).
     * scikit-learn's bundled CSV files (first line: rows, features, class names) are recognised,
     * and their class names kept.
     */
    public static TabularDataset load(Path file, int labelColumn) throws IOException {
        List<List<String>> rows = readCommaSeparated(file);
        if (isScikitLearnHeader(rows)) {
            List<String> first = rows.get(0);
            List<String> renamed = new ArrayList<>();
            for (int c = 0; c < rows.get(1).size(); c++) {
                renamed.add("x" + c);
            }
            List<List<String>> withNames = new ArrayList<>(rows);
            withNames.set(0, renamed);
            return toDataset(file, withNames, true, labelColumn, first.subList(2, first.size()));
        }
        return toDataset(file, rows, hasHeader(rows), labelColumn, List.of());
    }

    /**
     * The rows of a file that must be comma-separated text with at least a feature and a label: a binary file, UTF-16
     * text or a file of one column (separated by tabs or semicolons, or not a table) is refused with what it is.
     */
    private static List<List<String>> readCommaSeparated(Path file) throws IOException {
        byte[] head;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = isGzip(file) ? new GZIPInputStream(raw) : raw) {
            head = in.readNBytes(4096);
        }
        if (head.length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE) || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            throw new IllegalArgumentException(file + " is UTF-16 text; save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet)");
        }
        for (byte b : head) {
            if (b == 0) {
                throw new IllegalArgumentException(file + " is not a text file of comma-separated values (it holds "
                        + "binary data); pass the .csv or .csv.gz file");
            }
        }
        List<List<String>> rows = readRows(file, ',');
        // the data rows decide: a title line above them may well have no comma
        List<String> data = rows.size() > 1 ? rows.get(1) : rows.isEmpty() ? List.of() : rows.get(0);
        if (data.size() == 1 && rows.get(0).size() == 1) {
            String line = data.get(0);
            String separator = line.indexOf('\t') >= 0 ? "tabs" : line.indexOf(';') >= 0 ? "semicolons" : null;
            throw new IllegalArgumentException(file + " has one column, so there are no features beside the label"
                    + (separator == null ? ": a CSV file needs its features and its label separated by commas"
                    : ": its fields are separated by " + separator + ", not commas; save it with commas"));
        }
        return rows;
    }

    /** scikit-learn's format: "150,4,setosa,versicolor,virginica" above 150 rows of 4 features and a class index. */
    static boolean isScikitLearnHeader(List<List<String>> rows) {
        if (rows.size() < 2 || rows.get(0).size() < 2) {
            return false;
        }
        try {
            int count = Integer.parseInt(rows.get(0).get(0).trim());
            int features = Integer.parseInt(rows.get(0).get(1).trim());
            return count == rows.size() - 1 && rows.get(1).size() == features + 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Splits a CSV file into rows of fields; quoted fields may hold the delimiter, quotes ("") and line breaks. */
    public static List<List<String>> readRows(Path file, char delimiter) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = isGzip(file) ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(reader, delimiter);
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    static List<List<String>> parse(BufferedReader reader, char delimiter) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int ch;
        while ((ch = reader.read()) != -1) {
            char c = (char) ch;
            if (quoted) {
                if (c == '"') {
                    reader.mark(1);
                    int next = reader.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            reader.reset();
                        }
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                fieldStarted = true;
            } else if (c == delimiter) {
                row.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    reader.mark(1);
                    if (reader.read() != '\n') {
                        reader.reset();
                    }
                }
                if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
                    row.add(field.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    /** A header names columns: some field of line 1 is not a number while the same column of line 2 is. */
    static boolean hasHeader(List<List<String>> rows) {
        if (rows.size() < 2) {
            return false;
        }
        List<String> first = rows.get(0);
        List<String> second = rows.get(1);
        for (int c = 0; c < Math.min(first.size(), second.size()); c++) {
            if (!isNumber(first.get(c)) && isNumber(second.get(c))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static TabularDataset toDataset(Path file, List<List<String>> rows, boolean header, int labelColumn,
            List<String> declaredClassNames) {
        List<List<String>> body = header ? rows.subList(1, rows.size()) : rows;
        if (body.isEmpty()) {
            throw new IllegalArgumentException(file + " has no data rows");
        }
        int columns = rows.get(0).size();
        int label = labelColumn < 0 ? columns + labelColumn : labelColumn;
        if (label < 0 || label >= columns) {
            throw new IllegalArgumentException("label column " + labelColumn + " is outside the " + columns + " columns of " + file);
        }
        List<String> featureNames = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            if (c != label) {
                featureNames.add(header ? rows.get(0).get(c) : "x" + c);
            }
        }
        int features = columns - 1;
        float[] values = new float[body.size() * features];
        List<String> rawLabels = new ArrayList<>(body.size());
        for (int r = 0; r < body.size(); r++) {
            List<String> row = body.get(r);
            int line = r + (header ? 2 : 1);
            if (row.size() != columns) {
                throw new IllegalArgumentException(file + " line " + line + " has " + row.size() + " fields; the first line has " + columns);
            }
            int f = 0;
            for (int c = 0; c < columns; c++) {
                String text = row.get(c).trim();
                if (c == label) {
                    rawLabels.add(text);
                    continue;
                }
                values[r * features + f++] = parseFeature(text, file, line, header ? rows.get(0).get(c) : "column " + c);
            }
        }
        List<String> classNames = new ArrayList<>();
        int[] labels = encodeLabels(rawLabels, classNames, declaredClassNames);
        return new TabularDataset(values, labels, featureNames, classNames);
    }

    private static float parseFeature(String text, Path file, int line, String column) {
        if (text.isEmpty() || text.equalsIgnoreCase("na") || text.equalsIgnoreCase("nan")) {
            return Float.NaN;
        }
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + line + ", " + column + ": \"" + text
                    + "\" is not a number. Features must be numeric; encode text columns first or drop them");
        }
    }

    /** Whole-number labels are class indices (named by declared names when given); other labels are classes in sorted order. */
    private static int[] encodeLabels(List<String> raw, List<String> classNames, List<String> declared) {
        int[] labels = new int[raw.size()];
        boolean whole = true;
        int max = -1;
        for (int i = 0; i < labels.length && whole; i++) {
            try {
                labels[i] = Integer.parseInt(raw.get(i));
                whole = labels[i] >= 0;
                max = Math.max(max, labels[i]);
            } catch (NumberFormatException e) {
                whole = false;
            }
        }
        if (whole) {
            if (declared.size() > max) {
                classNames.addAll(declared);
                return labels;
            }
            for (int c = 0; c <= max; c++) {
                classNames.add(Integer.toString(c));
            }
            return labels;
        }
        for (String label : raw) {
            if (isNumber(label) && !label.isEmpty()) {
                throw new IllegalArgumentException("the label column holds \"" + label + "\", a number that is not a "
                        + "class index (0, 1, 2, ...): this loader is for classification; round the labels or pick the class column");
            }
        }
        classNames.addAll(new TreeSet<>(raw));
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classNames.indexOf(raw.get(i));
        }
        return labels;
    }
}
