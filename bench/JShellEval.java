import java.util.Arrays;
import jdk.jshell.JShell;

/** JShell's own eval time for the benchmark's snippets, in-process with the local engine. */
public class JShellEval {
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            System.out.println("expr=" + median(js, "1+1", reps));
            System.out.println("decl=" + median(js, "int x = 1;", reps));
        }
    }

    static String median(JShell js, String code, int reps) {
        for (int i = 0; i < 20; i++) {
            js.eval(code);
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long s = System.nanoTime();
            js.eval(code);
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(t);
        return String.format("%.1f", t[reps / 2]);
    }
}
