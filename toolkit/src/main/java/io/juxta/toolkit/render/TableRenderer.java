package io.juxta.toolkit.render;

import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Renderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Shows a Tablesaw {@link Table} as an HTML table and as aligned text. A large table shows its
 * first and last rows (and columns) with an ellipsis between, and its size below, as pandas does.
 */
public final class TableRenderer implements Renderer<Table> {
    /** Tables up to this many rows are shown whole. */
    public static final int DEFAULT_MAX_ROWS = 30;
    /** Rows shown at each end of a larger table. */
    public static final int DEFAULT_EDGE_ROWS = 10;
    public static final int DEFAULT_MAX_COLUMNS = 20;
    public static final int DEFAULT_EDGE_COLUMNS = 10;

    private static final String ELLIPSIS = "…";

    private final int maxRows;
    private final int edgeRows;
    private final int maxColumns;
    private final int edgeColumns;

    public TableRenderer() {
        this(DEFAULT_MAX_ROWS, DEFAULT_EDGE_ROWS, DEFAULT_MAX_COLUMNS, DEFAULT_EDGE_COLUMNS);
    }

    /** A renderer that shows whole tables up to the given size, else the given number of rows and columns at each end. */
    public TableRenderer(int maxRows, int edgeRows, int maxColumns, int edgeColumns) {
        if (edgeRows < 1 || edgeColumns < 1 || maxRows < 2 * edgeRows || maxColumns < 2 * edgeColumns) {
            throw new IllegalArgumentException("the shown rows and columns at each end must be at least 1 and at most half the maximum");
        }
        this.maxRows = maxRows;
        this.edgeRows = edgeRows;
        this.maxColumns = maxColumns;
        this.edgeColumns = edgeColumns;
    }

    @Override
    public MimeBundle render(Table table) {
        return new MimeBundle().put("text/html", html(table)).put("text/plain", text(table));
    }

    /** Indices of the shown rows or columns; -1 marks the elided middle. */
    private static int[] shown(int count, int max, int edge) {
        if (count <= max) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] picked = new int[2 * edge + 1];
        for (int i = 0; i < edge; i++) {
            picked[i] = i;
            picked[edge + 1 + i] = count - edge + i;
        }
        picked[edge] = -1;
        return picked;
    }

    private static String cell(Table table, int row, int column) {
        Column<?> col = table.column(column);
        if (!col.isMissing(row)) {
            return col.getString(row);
        }
        // Tablesaw keeps a missing number as NaN and a NaN as missing: show it as pandas does, not as a blank
        return col instanceof tech.tablesaw.api.NumericColumn<?> ? "NaN" : "";
    }

    private static String size(Table table) {
        return String.format(Locale.ROOT, "%,d row%s × %,d column%s", table.rowCount(), table.rowCount() == 1 ? "" : "s",
                table.columnCount(), table.columnCount() == 1 ? "" : "s");
    }

    /** The table as HTML, every cell escaped. */
    public String html(Table table) {
        int[] rows = shown(table.rowCount(), maxRows, edgeRows);
        int[] columns = shown(table.columnCount(), maxColumns, edgeColumns);
        StringBuilder out = new StringBuilder("<div class=\"juxta-table\">\n<table class=\"dataframe\">\n");
        if (table.name() != null && !table.name().isBlank()) {
            out.append("<caption>").append(escape(table.name())).append("</caption>\n");
        }
        out.append("<thead><tr><th></th>");
        for (int c : columns) {
            out.append("<th>").append(c < 0 ? ELLIPSIS : escape(table.column(c).name())).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int r : rows) {
            out.append("<tr><th>").append(r < 0 ? ELLIPSIS : Integer.toString(r)).append("</th>");
            for (int c : columns) {
                String value = r < 0 || c < 0 ? ELLIPSIS : escape(cell(table, r, c));
                out.append("<td>").append(value).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n<p>").append(size(table)).append("</p>\n</div>");
        return out.toString();
    }

    /** The table as right-aligned text columns. */
    public String text(Table table) {
        int[] rows = shown(table.rowCount(), maxRows, edgeRows);
        int[] columns = shown(table.columnCount(), maxColumns, edgeColumns);
        List<String[]> lines = new ArrayList<>();
        String[] header = new String[columns.length + 1];
        header[0] = "";
        for (int j = 0; j < columns.length; j++) {
            header[j + 1] = columns[j] < 0 ? "..." : table.column(columns[j]).name();
        }
        lines.add(header);
        for (int r : rows) {
            String[] line = new String[columns.length + 1];
            line[0] = r < 0 ? "..." : Integer.toString(r);
            for (int j = 0; j < columns.length; j++) {
                line[j + 1] = r < 0 || columns[j] < 0 ? "..." : cell(table, r, columns[j]);
            }
            lines.add(line);
        }
        int[] widths = new int[columns.length + 1];
        for (String[] line : lines) {
            for (int j = 0; j < line.length; j++) {
                widths[j] = Math.max(widths[j], line[j].length());
            }
        }
        StringBuilder out = new StringBuilder();
        if (table.name() != null && !table.name().isBlank()) {
            out.append(table.name()).append('\n');
        }
        for (String[] line : lines) {
            for (int j = 0; j < line.length; j++) {
                if (j > 0) {
                    out.append("  ");
                }
                out.append(" ".repeat(widths[j] - line[j].length())).append(line[j]);
            }
            out.append('\n');
        }
        return out.append('[').append(size(table)).append(']').toString();
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
