package io.juxta.frameworks.tensorflow;

import java.util.Random;

/** Plain-Java reference implementations (double accumulation) of the torch ops the backend reproduces. */
final class Reference {
    private Reference() {}

    static float[] random(long seed, int n) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    /** x [n, in], w [out, in], b [out]. */
    static float[] linear(float[] x, float[] w, float[] b, int n, int in, int out) {
        float[] y = new float[n * out];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int k = 0; k < in; k++) s += (double) x[i * in + k] * w[o * in + k];
                y[i * out + o] = (float) s;
            }
        }
        return y;
    }

    /** NCHW conv with zero padding, stride and dilation; returns [n, o, oh, ow]. */
    static float[] conv2d(float[] x, float[] w, float[] b, int n, int c, int h, int wd, int o, int kh, int kw,
                          int stride, int pad, int dil) {
        int oh = (h + 2 * pad - dil * (kh - 1) - 1) / stride + 1, ow = (wd + 2 * pad - dil * (kw - 1) - 1) / stride + 1;
        float[] y = new float[n * o * oh * ow];
        for (int ni = 0; ni < n; ni++)
            for (int oi = 0; oi < o; oi++)
                for (int yi = 0; yi < oh; yi++)
                    for (int xi = 0; xi < ow; xi++) {
                        double s = b == null ? 0 : b[oi];
                        for (int ci = 0; ci < c; ci++)
                            for (int ki = 0; ki < kh; ki++)
                                for (int kj = 0; kj < kw; kj++) {
                                    int iy = yi * stride - pad + ki * dil, ix = xi * stride - pad + kj * dil;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                                    s += (double) x[((ni * c + ci) * h + iy) * wd + ix] * w[((oi * c + ci) * kh + ki) * kw + kj];
                                }
                        y[((ni * o + oi) * oh + yi) * ow + xi] = (float) s;
                    }
        return y;
    }

    /** NCHW pooling, square kernel; max pads with -inf, average counts padding as zeros (count_include_pad). */
    static float[] pool2d(float[] x, int n, int c, int h, int w, int k, int stride, int pad, boolean max) {
        int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
        float[] y = new float[n * c * oh * ow];
        for (int p = 0; p < n * c; p++)
            for (int yi = 0; yi < oh; yi++)
                for (int xi = 0; xi < ow; xi++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int ki = 0; ki < k; ki++)
                        for (int kj = 0; kj < k; kj++) {
                            int iy = yi * stride - pad + ki, ix = xi * stride - pad + kj;
                            boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                            double v = inside ? x[(p * h + iy) * w + ix] : (max ? Double.NEGATIVE_INFINITY : 0);
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    y[(p * oh + yi) * ow + xi] = (float) (max ? acc : acc / (k * k));
                }
        return y;
    }

    /** Mean cross entropy of logits [n, c] against class labels. */
    static double crossEntropy(float[] logits, long[] labels, int n, int c) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) m = Math.max(m, logits[i * c + j]);
            double z = 0;
            for (int j = 0; j < c; j++) z += Math.exp(logits[i * c + j] - m);
            total += m + Math.log(z) - logits[i * c + (int) labels[i]];
        }
        return total / n;
    }
}
