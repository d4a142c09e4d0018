package io.juxta.magics;

import io.juxta.kernel.api.Extension;
import io.juxta.kernel.api.ExtensionContext;
import io.juxta.magics.deps.ClasspathInventory;
import io.juxta.magics.deps.DependencyMagics;
import io.juxta.magics.framework.FrameworkMagics;
import io.juxta.magics.output.OutputMagics;
import io.juxta.magics.session.SessionMagics;
import io.juxta.magics.session.StartupSnippets;
import io.juxta.magics.shell.ShellEnvironment;
import io.juxta.magics.shell.ShellMagics;
import io.juxta.magics.shell.ShellRunner;
import io.juxta.magics.timing.TimingMagics;

/**
 * Plugs the magics into the kernel: one cell handler for cells with magics, one completer.
 * The launcher may register further magics (the framework area) on {@link #registry()} before
 * the session starts.
 */
public final class MagicsExtension implements Extension {
    private final MagicRegistry registry;
    private final ShellRunner shell;
    private final StartupSnippets startup = new StartupSnippets();

    public MagicsExtension() {
        this(new MagicRegistry());
    }

    /** Uses the given registry (which may already hold magics of other modules) and adds the built-ins to it. */
    public MagicsExtension(MagicRegistry registry) {
        this.registry = registry;
        ShellEnvironment environment = new ShellEnvironment();
        this.shell = new ShellRunner(environment);
        registerBuiltins(registry, shell, new DependencyMagics(new ClasspathInventory()), startup);
    }

    /** Adds every built-in magic to a registry. */
    public static void registerBuiltins(MagicRegistry registry, ShellRunner shell, DependencyMagics dependencies, StartupSnippets startup) {
        registry.registerAll(new FrameworkMagics().magics());
        registry.registerAll(new TimingMagics().magics());
        registry.registerAll(dependencies.magics());
        registry.registerAll(new SessionMagics(registry, shell.environment(), startup).magics());
        registry.registerAll(new OutputMagics().magics());
        registry.registerAll(new ShellMagics(shell).magics());
    }

    public MagicRegistry registry() {
        return registry;
    }

    @Override
    public String name() {
        return "magics";
    }

    @Override
    public void register(ExtensionContext context) {
        context.cellHandler(new MagicCellHandler(registry, shell));
        context.completer(new MagicCompleter(registry));
        // portable cells need the frameworks API without imports of their own
        context.startupCode(FrameworkMagics.portableImports());
        context.onInterrupt(shell::stopAll);
        context.afterStartupCode((session, cell) -> FrameworkMagics.importClashingNamesAhead(session));
        // the first cell runs after all startup code: what exists then is not the user's
        context.beforeCell((session, cell) -> startup.captureOnce(session.jshell()));
    }
}
