package io.juxta.kernel.worker;

import java.lang.reflect.Field;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process engine, which keeps track of the wrapper class each snippet ran in, so the
 * session can read the real object behind a variable or expression instead of its string form.
 */
final class CapturingExecutionControl extends LocalExecutionControl {
    private volatile String lastClass;
    private volatile Throwable lastThrown;

    /**
     * JShell copies the exception a snippet threw into its own form, following causes without end: a cause chain
     * that loops (a.initCause(b), b.initCause(a)) recursed until the heap was full. Here the copy stops at a cause
     * already seen, a getMessage() that throws is reported instead of replacing the user's exception, and the
     * exception itself is kept for the error report (which shows its suppressed exceptions, which JShell drops).
     */
    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
        if (cause instanceof jdk.jshell.spi.SPIResolutionException) {
            return super.throwConvertedInvocationException(cause);
        }
        lastThrown = cause;
        throw copy(cause, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static UserException copy(Throwable t, java.util.Set<Throwable> seen) {
        seen.add(t);
        UserException copy = new UserException(String.valueOf(ThrowableText.message(t)), t.getClass().getName(), t.getStackTrace());
        Throwable cause = ThrowableText.cause(t);
        if (cause != null && !seen.contains(cause)) {
            copy.initCause(copy(cause, seen));
        }
        return copy;
    }

    /** The exception the last failed snippet threw, once; null if none or JShell's own. */
    Throwable takeThrown() {
        Throwable t = lastThrown;
        lastThrown = null;
        return t;
    }

    @Override
    public String invoke(String className, String methodName) throws RunException, EngineTerminationException,
            InternalException {
        lastClass = className;
        lastThrown = null;
        return nullSafe(super.invoke(className, methodName));
    }

    /**
     * Runs the snippet where the threads it starts report what they do not catch ({@link CellThreads}). The cells'
     * {@code assert} statements are checked, as a notebook user expects (Python's are): assertions are on for the
     * package JShell puts every cell's class in ({@code REPL}), before the first of them is initialized; the classes
     * of libraries, those added with %classpath or %maven too (JShell loads them with the same loader), stay as the
     * JVM runs them.
     */
    @Override
    protected String invoke(java.lang.reflect.Method doit) throws Exception {
        ClassLoader cells = doit.getDeclaringClass().getClassLoader();
        if (cells != assertingLoader && cells != null) {
            cells.setPackageAssertionStatus("REPL", true);
            assertingLoader = cells;
        }
        boolean countCpu = cpuCounted;
        long wall = System.nanoTime();
        long cpu = countCpu ? Cpu.processNanos() : 0;
        try {
            return super.invoke(CellThreads.wrap(doit));
        } finally {
            runWallNanos += System.nanoTime() - wall;
            if (countCpu) {
                runCpuNanos += Cpu.processNanos() - cpu;
            }
        }
    }

    private ClassLoader assertingLoader;
    /** Time spent running snippets (not compiling them), for %time: written by the cell thread only. */
    private volatile long runWallNanos;
    private volatile long runCpuNanos;
    /**
     * Whether runs count their CPU time: from the first {@link #runCpuNanos()} on (the first %time). Not before, for
     * the process CPU clock loads the JVM's management beans: 2 MB and 45 ms at the first snippet of every session.
     */
    private volatile boolean cpuCounted;

    /** The process CPU clock, loaded on first use. */
    private static final class Cpu {
        static final java.lang.management.OperatingSystemMXBean OS = java.lang.management.ManagementFactory.getOperatingSystemMXBean();

        static long processNanos() {
            return OS instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
        }
    }

    /** Wall-clock and process CPU nanoseconds spent running snippets so far. */
    long runWallNanos() {
        return runWallNanos;
    }

    /** Process CPU time spent running snippets since CPU time was first asked for; counts from now on. */
    long runCpuNanos() {
        cpuCounted = true;
        return runCpuNanos;
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException,
            InternalException {
        lastClass = className;
        return nullSafe(super.varValue(className, varName));
    }

    /** JShell's own text of a value, as the jshell tool shows it: strings quoted and escaped, arrays written out. */
    static String text(Object value) {
        return valueString(value);
    }

    /** The string form of a value whose toString returned null is null, and JShell then fails on it: say "null". */
    private static String nullSafe(String valueString) {
        return valueString == null ? "null" : valueString;
    }

    void forgetLastClass() {
        lastClass = null;
    }

    /** The wrapper class the last snippet ran in, or null. */
    String lastClass() {
        return lastClass;
    }

    /** The value of a snippet variable held in a wrapper class. */
    Object variable(String className, String name) throws ReflectiveOperationException {
        if (className == null) {
            throw new NoSuchFieldException(name);
        }
        Field f = findClass(className).getDeclaredField(name);
        f.setAccessible(true);
        return f.get(null);
    }

    /** Lets go of the object a snippet variable holds; a primitive holds nothing to let go of. */
    void clearVariable(String className, String name) throws ReflectiveOperationException {
        if (className == null) {
            return;
        }
        Field f = findClass(className).getDeclaredField(name);
        if (!f.getType().isPrimitive()) {
            f.setAccessible(true);
            f.set(null, null);
        }
    }

    /** Hands JShell this engine and keeps a reference to it. */
    static final class Provider implements ExecutionControlProvider {
        private volatile CapturingExecutionControl control;

        @Override
        public String name() {
            return "juxta-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new CapturingExecutionControl();
            return control;
        }

        CapturingExecutionControl control() {
            return control;
        }
    }
}
