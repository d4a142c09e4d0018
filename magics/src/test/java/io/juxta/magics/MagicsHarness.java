package io.juxta.magics;

import io.juxta.kernel.api.CellError;
import io.juxta.magics.deps.ClasspathInventory;
import io.juxta.magics.deps.DependencyMagics;
import io.juxta.magics.deps.MavenSettings;
import io.juxta.magics.shell.ShellEnvironment;
import io.juxta.magics.session.StartupSnippets;
import io.juxta.magics.shell.ShellRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/** The built-in magics wired as the extension wires them, against a {@link FakeSession}. */
public final class MagicsHarness implements AutoCloseable {
    public final FakeSession session = new FakeSession();
    public final MagicRegistry registry = new MagicRegistry();
    public final ShellEnvironment environment = new ShellEnvironment(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
    public final ClasspathInventory inventory;
    public final MagicCellHandler handler;
    public final StartupSnippets startup = new StartupSnippets();

    public MagicsHarness() {
        this(new ClasspathInventory(""), Path.of(System.getProperty("java.io.tmpdir"), "juxta-no-repo"));
    }

    /** With a class path inventory and a local Maven repository that has no remote. */
    public MagicsHarness(ClasspathInventory inventory, Path localRepository) {
        this.inventory = inventory;
        ShellRunner shell = new ShellRunner(environment);
        MavenSettings settings = new MavenSettings(localRepository, false, List.of());
        MagicsExtension.registerBuiltins(registry, shell, new DependencyMagics(inventory, () -> settings), startup);
        handler = new MagicCellHandler(registry, shell);
    }

    public Object run(String cell) throws CellError {
        if (!handler.accepts(cell)) {
            return session.eval(cell);
        }
        return handler.run(cell, session);
    }

    public CellError fails(String cell) {
        Executable run = () -> run(cell);
        return Assertions.assertThrows(CellError.class, run);
    }

    @Override
    public void close() {
        session.close();
    }
}
