package io.juxta.toolkit.render;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.TensorFormat;
import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Renderer;
import java.util.Arrays;
import java.util.function.DoubleFunction;

/**
 * Shows a tensor of either backend: text like PyTorch's repr ({@link TensorFormat#format}) and, for HTML, a header
 * (shape, dtype, device, backend) above an HTML grid for 2-D tensors or the bracketed values for other ranks.
 * A large matrix shows its first and last rows and columns, as tables do.
 */
public final class TensorRenderer implements Renderer<Tensor> {
    /** Matrices up to this many rows (or columns) are shown whole. */
    static final int MAX_EDGE = 20;
    /** Rows and columns shown at each end of a larger matrix. */
    static final int EDGE = 5;

    @Override
    public MimeBundle render(Tensor tensor) {
        String text = TensorFormat.format(tensor);
        if (tensor.isSymbolic() || tensor.rank() != 2) {
            return new MimeBundle().put("text/html", TensorFormat.html(tensor)).put("text/plain", text);
        }
        return new MimeBundle().put("text/html", grid(tensor, tensor.toHost())).put("text/plain", text);
    }

    /** The header and an HTML table of a 2-D array's values. */
    static String grid(Tensor tensor, HostArray values) {
        int rows = values.dim(0);
        int columns = values.dim(1);
        int[] shownRows = shown(rows);
        int[] shownColumns = shown(columns);
        // one number format for the whole grid, chosen from the values shown
        DoubleFunction<String> number = TensorFormat.numberFormat(values.dtype(), Arrays.stream(shownRows).filter(r -> r >= 0)
                .boxed().flatMapToDouble(r -> Arrays.stream(shownColumns).filter(c -> c >= 0).mapToDouble(c -> values.get(r * columns + c))));
        StringBuilder html = new StringBuilder("<div class=\"juxta-tensor\"><div style=\"font-weight:bold\">")
                .append(TableRenderer.escape(header(tensor))).append("</div>\n<table class=\"dataframe\">\n<thead><tr><th></th>");
        for (int c : shownColumns) {
            html.append("<th>").append(c < 0 ? "…" : Integer.toString(c)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int r : shownRows) {
            html.append("<tr><th>").append(r < 0 ? "…" : Integer.toString(r)).append("</th>");
            for (int c : shownColumns) {
                html.append("<td style=\"text-align:right;font-family:monospace\">")
                        .append(r < 0 || c < 0 ? "…" : number.apply(values.get(r * columns + c))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>\n</div>").toString();
    }

    /** {@code Tensor [2, 3] float32 on cpu (torch)}. */
    static String header(Tensor tensor) {
        return "Tensor " + Arrays.toString(tensor.shape()) + " " + tensor.dtype() + " on " + tensor.device()
                + " (" + tensor.backend().name() + ")";
    }

    /** Indices shown along one axis; -1 marks the elided middle. */
    static int[] shown(int count) {
        if (count <= MAX_EDGE) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] picked = new int[2 * EDGE + 1];
        for (int i = 0; i < EDGE; i++) {
            picked[i] = i;
            picked[EDGE + 1 + i] = count - EDGE + i;
        }
        picked[EDGE] = -1;
        return picked;
    }
}
