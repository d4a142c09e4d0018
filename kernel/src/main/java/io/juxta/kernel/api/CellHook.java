package io.juxta.kernel.api;

/** A callback around each cell. */
@FunctionalInterface
public interface CellHook {
    void run(Session session, String cell) throws Exception;
}
