package io.juxta.magics.shell;

import io.juxta.kernel.api.Session;
import io.juxta.magics.Magic;
import io.juxta.magics.spec.Area;
import io.juxta.magics.spec.MagicKind;
import io.juxta.magics.spec.MagicSpec;
import java.util.List;

/** The shell area: {@code %%bash}. Single {@code !command} lines are run by the cell handler with the same runner. */
public final class ShellMagics {
    private final ShellRunner runner;

    public ShellMagics(ShellRunner runner) {
        this.runner = runner;
    }

    public List<Magic> magics() {
        return List.of(Magic.of(MagicSpec.builder("bash").kind(MagicKind.CELL).area(Area.SHELL)
                .summary("Run the cell as a bash script; output is shown line by line as it comes.")
                .details("The script runs in the kernel's working directory with the variables set by %env. "
                        + "It reads no input. Interrupting the cell stops the script. A non-zero exit status "
                        + "makes the cell fail unless --no-raise-error is given. A single command can also be "
                        + "written on any line of a cell as `!command`; a failing `!` line does not stop the cell.")
                .flag(null, "no-raise-error", "do not fail the cell when the script exits with a non-zero status")
                .build(), call -> {
                    runner.run(call.body(), call.session(), !call.args().flag("no-raise-error"));
                    return Session.NO_VALUE;
                }));
    }
}
