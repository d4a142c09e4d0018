package io.juxta.kernel.worker;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Keeps JShell's in-memory class output to the classes live code can still name.
 *
 * <p>JShell keeps the class file of every snippet it ever compiled, and javac lists all of them each time it compiles
 * the next snippet (package {@code REPL}). Statements, shown expressions, redefined and failed snippets are never named
 * again, yet after 3,000 cells they made an in-process {@code 1+1} go from 3 ms to 58 ms. This removes their class
 * files from the compiler's view between cells; the classes already loaded keep running. It reaches into JShell's
 * private fields (the worker opens {@code jdk.jshell} to itself), so if a JDK changes them it logs once and does nothing.
 */
final class CompiledClassSweeper {
    private static final Logger LOG = Logger.getLogger(CompiledClassSweeper.class.getName());
    private static final String WRAPPER_PREFIX = "REPL.$JShell$";

    private final JShell jshell;
    private Map<String, ?> classOutput;
    private Method classFullName;
    private boolean unavailable;

    CompiledClassSweeper(JShell jshell) {
        this.jshell = jshell;
    }

    /** Removes the class files no live declaration needs; returns how many went. Never fails the cell it follows. */
    int sweep() {
        if (unavailable || !reachJShell()) {
            return 0;
        }
        try {
            return removeDead();
        } catch (RuntimeException e) {
            unavailable = true;
            LOG.log(Level.WARNING, "sweeping JShell's class output failed; no longer trying", e);
            return 0;
        }
    }

    private int removeDead() {
        Set<String> live = new HashSet<>();
        for (Iterator<Snippet> it = jshell.snippets().iterator(); it.hasNext(); ) {
            Snippet s = it.next();
            if (namedLater(s)) {
                String name = className(s);
                if (name != null) {
                    live.add(name);
                }
            }
        }
        int removed = 0;
        for (Iterator<String> it = classOutput.keySet().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (name.startsWith(WRAPPER_PREFIX) && !live.contains(outerClass(name))) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    /** How many class files the compiler sees in package REPL; -1 if out of reach. */
    int classCount() {
        return reachJShell() ? classOutput.size() : -1;
    }

    /** Active declarations and imports: later snippets compile against their classes. */
    private boolean namedLater(Snippet s) {
        if (!jshell.status(s).isActive()) {
            return false;
        }
        return switch (s.kind()) {
            case IMPORT, TYPE_DECL, METHOD, VAR -> true; // an expression's $N too, while it lives: JShell imports it
            default -> false;
        };
    }

    /** "REPL.$JShell$12$Point" belongs to "REPL.$JShell$12". */
    static String outerClass(String binaryName) {
        int nested = binaryName.indexOf('$', WRAPPER_PREFIX.length());
        return nested < 0 ? binaryName : binaryName.substring(0, nested);
    }

    /** The snippet's wrapper class, or null if it was never wrapped; a failure aborts the sweep, never guesses. */
    private String className(Snippet s) {
        try {
            return (String) classFullName.invoke(s);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot tell which class holds " + s.id(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private boolean reachJShell() {
        if (classOutput != null) {
            return true;
        }
        try {
            Object taskFactory = field(JShell.class, "taskFactory").get(jshell);
            Object fileManager = field(taskFactory.getClass(), "fileManager").get(taskFactory);
            classOutput = (Map<String, ?>) field(fileManager.getClass(), "classObjects").get(fileManager);
            classFullName = Snippet.class.getDeclaredMethod("classFullName");
            classFullName.setAccessible(true);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            LOG.log(Level.INFO, "JShell's class output is out of reach; long sessions will compile more slowly", e);
            return false;
        }
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
