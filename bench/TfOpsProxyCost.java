import io.juxta.frameworks.Backend;
import io.juxta.frameworks.Backends;
import io.juxta.frameworks.MemoryScope;
import io.juxta.frameworks.Ops;
import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.spi.TensorOps;
import java.lang.reflect.Method;

/**
 * What the tf backend's error-translating proxy costs per eager op: the same add through TfOps and through
 * Backend.ops(), interleaved. Run: java -cp "dist/target/juxta/lib/*" bench/TfOpsProxyCost.java
 */
public class TfOpsProxyCost {
    public static void main(String[] a) throws Exception {
        Backends.use("tf");
        Backend b = Backends.current();
        Method m = b.getClass().getDeclaredMethod("tensorOps"); m.setAccessible(true);
        TensorOps direct = (TensorOps) m.invoke(b), proxied = b.ops();
        Tensor x = Ops.ones(4), y = Ops.ones(4);
        int n = 20000;
        double[][] r = new double[2][9];
        for (int round = 0; round < 9; round++) {
            for (int which = 0; which < 2; which++) {
                TensorOps ops = which == 0 ? direct : proxied;
                try (MemoryScope s = b.openScope()) {
                    long t = System.nanoTime();
                    for (int i = 0; i < n; i++) ops.add(x, y);
                    r[which][round] = (System.nanoTime() - t) / 1e3 / n;
                }
            }
        }
        for (double[] row : r) java.util.Arrays.sort(row);
        System.out.printf("tf eager add, median of 9 x %d: direct TfOps %.2f us, through the translating proxy %.2f us%n", n, r[0][4], r[1][4]);
    }
}
