package io.juxta.kernel.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorFormatterTest {
    @Test
    void repeatedFramesAndCyclesOfFramesAreFolded() {
        List<String> lines = new ArrayList<>(Collections.nCopies(1000, "at rec"));
        lines.add("at <cell>");
        assertEquals(List.of("at rec", "  [... the frame above repeated 999 more times]", "at <cell>"),
                ErrorFormatter.foldRepeats(lines, "  "));
        List<String> mutual = new ArrayList<>(List.of("at top"));
        for (int i = 0; i < 50; i++) {
            mutual.addAll(List.of("at even", "at odd"));
        }
        assertEquals(List.of("at top", "at even", "at odd", "  [... the 2 frames above repeated 49 more times]"),
                ErrorFormatter.foldRepeats(mutual, "  "));
        List<String> shortTrace = List.of("at a", "at a", "at b");
        assertEquals(shortTrace, ErrorFormatter.foldRepeats(shortTrace, "  "), "two in a row stay as they are");
    }

    @Test
    void jshellsWrapperNamesBecomeTheUsersNames() {
        assertEquals("Cannot invoke \"Object.hashCode()\" because \"o\" is null",
                ThrowableText.userNames("Cannot invoke \"Object.hashCode()\" because \"REPL.$JShell$73.o\" is null"));
        assertEquals("Could not initialize class S", ThrowableText.userNames("Could not initialize class REPL.$JShell$62$S"));
    }

    @Test
    void lambdasAreNamedByWhereTheyAreWritten() {
        assertEquals("<anonymous class>", ErrorFormatter.className("REPL.$JShell$12$1"));
        assertEquals("<anonymous class>", ErrorFormatter.className("REPL.$JShell$anonymous$$0"));
        assertEquals("Svc$1", ErrorFormatter.className("REPL.$JShell$14$Svc$1"));
        assertEquals("Svc", ErrorFormatter.className("REPL.$JShell$14$Svc"));
        assertEquals("<lambda in cell>", ErrorFormatter.lambdaName("lambda$do_it$$0"));
        assertEquals("<lambda in cell>", ErrorFormatter.lambdaName("lambda$do_it$Aux$3"));
        assertEquals("<lambda in train>", ErrorFormatter.lambdaName("lambda$train$12"));
        assertEquals("train", ErrorFormatter.lambdaName("train"));
        assertEquals("<lambda in a constructor>", ErrorFormatter.lambdaName("lambda$new$0"));
        assertEquals("<lambda in a static initializer>", ErrorFormatter.lambdaName("lambda$static$1"));
    }

    @Test
    void aThreadsUncaughtExceptionReadsLikeJavasWithTheCellsLines() {
        ErrorFormatter errors = new ErrorFormatter();
        errors.remember("7", 3, 4);
        errors.running(5, 2); // snippet "9" is still being evaluated: JShell has not said where it comes from
        RuntimeException e = new RuntimeException("top", new IllegalStateException("root"));
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("", "load", "#7", 2),
            new StackTraceElement("", "lambda$do_it$$0", "#9", 1)});
        e.getCause().setStackTrace(new StackTraceElement[] {new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 233)});
        e.addSuppressed(new java.io.IOException("close"));
        String text = errors.uncaught("loader", e, Throwable::getStackTrace).replaceAll("\u001b\\[[0-9;]*m", "");
        assertEquals("""
                Exception in thread "loader" java.lang.RuntimeException: top
                    at load(In [3], line 5)
                    at <lambda in cell>(In [5], line 2)
                    Suppressed: java.io.IOException: close
                Caused by: java.lang.IllegalStateException: root
                """, text);
    }

    @Test
    void aVarsInitializerIsTheCellsLineShownOnce() {
        ErrorFormatter errors = new ErrorFormatter();
        errors.remember("12", 4, 1);
        RuntimeException e = new RuntimeException("made in a var's initializer");
        e.setStackTrace(new StackTraceElement[] { // var anon = new Object() { int v = 1 / 0; };
            new StackTraceElement("REPL.$JShell$12$1", "<init>", "#12", 1),
            new StackTraceElement("", "do_it$Aux", "#12", 1),
            new StackTraceElement("", "do_it$", "#12", 1),
            new StackTraceElement("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -2)});
        String text = errors.uncaught("t", e, Throwable::getStackTrace).replaceAll("\u001b\\[[0-9;]*m", "");
        assertEquals("""
                Exception in thread "t" java.lang.RuntimeException: made in a var's initializer
                    at <anonymous class>.<init>(In [4], line 1)
                    at <cell>(In [4], line 1)
                """, text);
        // over several lines, the initializer's frame has the line that failed; the declaration's first line is not it
        RuntimeException parse = new RuntimeException("in the third line");
        parse.setStackTrace(new StackTraceElement[] { // var xs = List.of(1,\n 2,\n Integer.parseInt("x"));
            new StackTraceElement("java.lang.Integer", "parseInt", "Integer.java", 668),
            new StackTraceElement("", "do_it$Aux", "#12", 3),
            new StackTraceElement("", "", "#12", 1)}); // as JShell's copy names the cell's frame
        assertEquals("""
                Exception in thread "t" java.lang.RuntimeException: in the third line
                    at java.lang.Integer.parseInt(Integer.java:668)
                    at <cell>(In [4], line 3)
                """, errors.uncaught("t", parse, Throwable::getStackTrace).replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void aCallIntoJuxtaIsOneLineUpToTheUsersCodeItCallsBack() {
        ErrorFormatter errors = new ErrorFormatter();
        errors.remember("4", 1, 1);
        errors.remember("6", 2, 1);
        IllegalStateException e = new IllegalStateException("traced");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("io.juxta.frameworks.Tensor", "check", "Tensor.java", 80),
            new StackTraceElement("io.juxta.frameworks.Tensor", "item", "Tensor.java", 90),
            new StackTraceElement("REPL.$JShell$4$PrintMean", "forward", "#4", 5),
            new StackTraceElement("io.juxta.frameworks.tensorflow.TfStepCompiler$1", "lambda$run$0", "TfStepCompiler.java", 40),
            new StackTraceElement("java.util.HashMap", "computeIfAbsent", "HashMap.java", 1220),
            new StackTraceElement("io.juxta.frameworks.tensorflow.TfStepCompiler", "run", "TfStepCompiler.java", 30),
            new StackTraceElement("io.juxta.frameworks.nn.Model", "fit", "Model.java", 120),
            new StackTraceElement("java.util.ArrayList", "forEach", "ArrayList.java", 1511),
            new StackTraceElement("", "do_it$", "#6", 3),
            new StackTraceElement("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -2)});
        String text = errors.uncaught("t", e, Throwable::getStackTrace).replaceAll("\u001b\\[[0-9;]*m", "");
        assertEquals("""
                Exception in thread "t" java.lang.IllegalStateException: traced
                    at io.juxta.frameworks.Tensor.item (Juxta)
                    at PrintMean.forward(In [1], line 5)
                    at io.juxta.frameworks.nn.Model.fit (Juxta)
                    at java.util.ArrayList.forEach(ArrayList.java:1511)
                    at <cell>(In [2], line 3)
                """, text);
    }
}
