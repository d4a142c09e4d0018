package io.juxta.frameworks.torch;

/** Plain-Java reference implementations the tests compare the backend against. Row-major arrays. */
final class Reference {
    private Reference() {}

    static float[] matmul(float[] a, float[] b, int n, int k, int m) {
        float[] c = new float[n * m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += (double) a[i * k + p] * b[p * m + j];
                c[i * m + j] = (float) s;
            }
        return c;
    }

    /** NCHW input, OIHW weight, stride 1, symmetric zero padding. */
    static float[] conv2d(float[] x, int n, int c, int h, int w, float[] wt, int o, int k, float[] bias, int pad) {
        int oh = h + 2 * pad - k + 1, ow = w + 2 * pad - k + 1;
        float[] out = new float[n * o * oh * ow];
        for (int b = 0; b < n; b++)
            for (int oc = 0; oc < o; oc++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++) {
                        double s = bias == null ? 0 : bias[oc];
                        for (int ic = 0; ic < c; ic++)
                            for (int di = 0; di < k; di++)
                                for (int dj = 0; dj < k; dj++) {
                                    int y = i + di - pad, xx = j + dj - pad;
                                    if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
                                    s += (double) x[((b * c + ic) * h + y) * w + xx] * wt[((oc * c + ic) * k + di) * k + dj];
                                }
                        out[((b * o + oc) * oh + i) * ow + j] = (float) s;
                    }
        return out;
    }

    /** Pooling with kernel = stride = k, no padding; max or average. */
    static float[] pool2d(float[] x, int n, int c, int h, int w, int k, boolean max) {
        int oh = h / k, ow = w / k;
        float[] out = new float[n * c * oh * ow];
        for (int b = 0; b < n * c; b++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int di = 0; di < k; di++)
                        for (int dj = 0; dj < k; dj++) {
                            float v = x[(b * h + i * k + di) * w + j * k + dj];
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    out[(b * oh + i) * ow + j] = (float) (max ? acc : acc / (k * k));
                }
        return out;
    }

    static float[] softmaxRows(float[] x, int rows, int cols) {
        float[] out = new float[x.length];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int c = 0; c < cols; c++) max = Math.max(max, x[r * cols + c]);
            for (int c = 0; c < cols; c++) sum += Math.exp(x[r * cols + c] - max);
            for (int c = 0; c < cols; c++) out[r * cols + c] = (float) (Math.exp(x[r * cols + c] - max) / sum);
        }
        return out;
    }

    static double crossEntropy(float[] logits, int[] labels, int classes) {
        double total = 0;
        for (int r = 0; r < labels.length; r++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int c = 0; c < classes; c++) max = Math.max(max, logits[r * classes + c]);
            for (int c = 0; c < classes; c++) sum += Math.exp(logits[r * classes + c] - max);
            total += -(logits[r * classes + labels[r]] - max - Math.log(sum));
        }
        return total / labels.length;
    }

    static float[] random(long seed, int n) {
        java.util.Random r = new java.util.Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
