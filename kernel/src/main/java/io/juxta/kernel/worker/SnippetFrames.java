package io.juxta.kernel.worker;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;
import jdk.jshell.JShell;

/**
 * Stack frames in the user's terms (snippet and line, as JShell reports a cell's exception) for an exception JShell
 * never saw: one thrown in a thread the user's code started. JShell translates frames only on its own report path,
 * so this calls that translation (a private method of its evaluator; the worker opens {@code jdk.jshell} to itself).
 * If a JDK changes it, the frames stay as the JVM wrote them, with JShell's wrapper names taken out.
 */
final class SnippetFrames {
    private static final Logger LOG = Logger.getLogger(SnippetFrames.class.getName());

    private final JShell jshell;
    private Object eval;
    private Method translate;
    private boolean unavailable;

    SnippetFrames(JShell jshell) {
        this.jshell = jshell;
    }

    /** The frames of {@code t}, those of snippets with a file name "#id" and the snippet's line, cut below the last. */
    synchronized StackTraceElement[] of(Throwable t) {
        StackTraceElement[] raw = t.getStackTrace();
        if (unavailable || !reachJShell()) {
            return raw;
        }
        Exception carrier = new Exception();
        carrier.setStackTrace(raw);
        try {
            return (StackTraceElement[]) translate.invoke(eval, carrier);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // JShell may be compiling the next cell on another thread meanwhile: this exception's frames stay raw
            LOG.log(Level.FINE, "could not translate a thread's stack frames", e);
            return raw;
        }
    }

    private boolean reachJShell() {
        if (translate != null) {
            return true;
        }
        try {
            Field field = JShell.class.getDeclaredField("eval");
            field.setAccessible(true);
            eval = field.get(jshell);
            translate = eval.getClass().getDeclaredMethod("translateExceptionStack", Exception.class);
            translate.setAccessible(true);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            LOG.log(Level.INFO, "JShell's frame translation is out of reach; threads' errors show raw frames", e);
            return false;
        }
    }
}
