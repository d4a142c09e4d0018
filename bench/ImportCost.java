import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jdk.jshell.JShell;

/**
 * What a session's imports cost every cell: `1+1` in JShells holding none, the JDK's, and all of a
 * file of import lines (e.g. the output of %imports), interleaved, median of the last 200 of 300.
 *
 *   java -cp "dist/target/juxta/lib/*" bench/ImportCost.java imports.txt
 */
public class ImportCost {
    public static void main(String[] args) throws Exception {
        List<String> all = Files.readAllLines(Path.of(args[0])).stream().filter(l -> l.startsWith("import ")).toList();
        List<List<String>> sets = List.of(List.of(), all.stream().filter(l -> l.startsWith("import java")).toList(), all);
        String[] names = {"none", "JDK packages", "all"};
        JShell[] shells = new JShell[sets.size()];
        for (int k = 0; k < shells.length; k++) {
            shells[k] = JShell.builder().executionEngine("local").build();
            sets.get(k).forEach(shells[k]::eval);
        }
        double[][] ms = new double[shells.length][300];
        for (int i = 0; i < 300; i++) {
            for (int k = 0; k < shells.length; k++) {
                long t0 = System.nanoTime();
                shells[k].eval("1+1");
                ms[k][i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        for (int k = 0; k < shells.length; k++) {
            double[] last = Arrays.copyOfRange(ms[k], 100, 300);
            Arrays.sort(last);
            System.out.printf("%-13s (%2d imports): median %.1f ms%n", names[k], sets.get(k).size(), last[last.length / 2]);
        }
    }
}
