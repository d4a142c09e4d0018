package io.juxta.frameworks.tensorflow;

/** A plain-Java 2-layer MLP (ReLU, torch layouts) with cross entropy and SGD: the reference for training tests. */
final class JavaMlp {
    static final int IN = 6, HID = 5, OUT = 3;
    final double[] w1, b1, w2, b2;

    JavaMlp(float[] w1, float[] b1, float[] w2, float[] b2) {
        this.w1 = toD(w1); this.b1 = toD(b1); this.w2 = toD(w2); this.b2 = toD(b2);
    }

    static double[] toD(float[] f) { double[] d = new double[f.length]; for (int i = 0; i < f.length; i++) d[i] = f[i]; return d; }

    /** Features [n, IN] from a seed and labels cycling through the classes. */
    static float[] features(int seed, int n) { return Reference.random(seed, n * IN); }

    static long[] labels(int seed, int n) {
        long[] y = new long[n];
        for (int i = 0; i < n; i++) y[i] = (i * 7 + seed) % OUT;
        return y;
    }

    /** One SGD step on a batch of n rows; returns the loss before the update. */
    double step(float[] x, long[] y, int n, double lr) {
        double[] h = new double[n * HID], z = new double[n * HID], logits = new double[n * OUT];
        for (int i = 0; i < n; i++) for (int j = 0; j < HID; j++) {
            double s = b1[j];
            for (int k = 0; k < IN; k++) s += x[i * IN + k] * w1[j * IN + k];
            z[i * HID + j] = s; h[i * HID + j] = Math.max(0, s);
        }
        for (int i = 0; i < n; i++) for (int o = 0; o < OUT; o++) {
            double s = b2[o];
            for (int j = 0; j < HID; j++) s += h[i * HID + j] * w2[o * HID + j];
            logits[i * OUT + o] = s;
        }
        double loss = 0;
        double[] dl = new double[n * OUT];
        for (int i = 0; i < n; i++) {
            double m = Double.NEGATIVE_INFINITY, zsum = 0;
            for (int o = 0; o < OUT; o++) m = Math.max(m, logits[i * OUT + o]);
            for (int o = 0; o < OUT; o++) zsum += Math.exp(logits[i * OUT + o] - m);
            loss += m + Math.log(zsum) - logits[i * OUT + (int) y[i]];
            for (int o = 0; o < OUT; o++) dl[i * OUT + o] = (Math.exp(logits[i * OUT + o] - m) / zsum - (o == y[i] ? 1 : 0)) / n;
        }
        double[] gw2 = new double[w2.length], gb2 = new double[b2.length], gw1 = new double[w1.length], gb1 = new double[b1.length];
        double[] dh = new double[n * HID];
        for (int i = 0; i < n; i++) for (int o = 0; o < OUT; o++) {
            gb2[o] += dl[i * OUT + o];
            for (int j = 0; j < HID; j++) { gw2[o * HID + j] += dl[i * OUT + o] * h[i * HID + j]; dh[i * HID + j] += dl[i * OUT + o] * w2[o * HID + j]; }
        }
        for (int i = 0; i < n; i++) for (int j = 0; j < HID; j++) {
            double dz = z[i * HID + j] > 0 ? dh[i * HID + j] : 0;
            gb1[j] += dz;
            for (int k = 0; k < IN; k++) gw1[j * IN + k] += dz * x[i * IN + k];
        }
        for (int i = 0; i < w1.length; i++) w1[i] -= lr * gw1[i];
        for (int i = 0; i < b1.length; i++) b1[i] -= lr * gb1[i];
        for (int i = 0; i < w2.length; i++) w2[i] -= lr * gw2[i];
        for (int i = 0; i < b2.length; i++) b2[i] -= lr * gb2[i];
        return loss / n;
    }
}
