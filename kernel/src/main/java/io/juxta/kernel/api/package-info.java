/**
 * The kernel's extension API: what magics, frameworks and the toolkit plug into.
 *
 * <p>Everything here runs in the worker JVM, next to the user's code. An {@link Extension} is
 * registered explicitly by the launcher and receives an {@link ExtensionContext} once, when the
 * session starts. Through it, it adds renderers ({@link Renderers}), a {@link CellHandler}
 * (magics), {@link Completer}s, startup code, and hooks that run before and after each cell and
 * on interrupt. A {@link Session} is what a cell handler acts on: it evaluates Java like a cell,
 * displays values and reads the user's input.
 */
package io.juxta.kernel.api;
