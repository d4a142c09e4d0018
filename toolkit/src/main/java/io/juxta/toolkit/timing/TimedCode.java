package io.juxta.toolkit.timing;

/** The code being timed: a cell's statement, which may throw anything a cell may throw. */
@FunctionalInterface
public interface TimedCode {
    void run() throws Exception;
}
