package io.juxta.magics.output;

import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Session;
import io.juxta.magics.Invocation;
import io.juxta.magics.Magic;
import io.juxta.magics.spec.ArgType;
import io.juxta.magics.spec.Area;
import io.juxta.magics.spec.MagicKind;
import io.juxta.magics.spec.MagicSpec;
import io.juxta.magics.spec.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;

/** The output area: cells shown as HTML, Markdown, LaTeX, SVG or JavaScript; {@code %%writefile}; {@code %%capture}. */
public final class OutputMagics {
    private static final Pattern JAVA_IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    public List<Magic> magics() {
        return List.of(
                display("html", "text/html", "Show the cell as HTML.", null),
                display("markdown", "text/markdown", "Show the cell as Markdown.", null),
                display("latex", "text/latex", "Show the cell as LaTeX (math between $ or $$ is rendered).", null),
                display("svg", "image/svg+xml", "Show the cell as an SVG image.", "<SVG image>"),
                display("javascript", "application/javascript", "Run the cell as JavaScript in the notebook page (classic Notebook; JupyterLab does not run it).", "<JavaScript>"),
                Magic.of(MagicSpec.builder("writefile").kind(MagicKind.CELL).area(Area.OUTPUT)
                        .summary("Write the cell body to a file.")
                        .details("Relative paths are relative to the kernel's working directory.")
                        .flag('a', "append", "append to the file instead of replacing it")
                        .positional("file", ArgType.PATH, true, "the file to write")
                        .build(), OutputMagics::writeFile),
                Magic.of(MagicSpec.builder("capture").kind(MagicKind.CELL).area(Area.OUTPUT)
                        .summary("Run the cell and capture its stdout, stderr and displays instead of showing them.")
                        .details("With NAME, the captured output is stored in a variable `Map<String, Object> NAME` with keys "
                                + "\"stdout\", \"stderr\" (strings) and \"outputs\" (a list of MIME bundles as maps: displays "
                                + "made by magics or by Java code with display(...), each as last updated, and the "
                                + "cell's value).")
                        .flag(null, "no-stdout", "do not capture stdout: show it")
                        .flag(null, "no-stderr", "do not capture stderr: show it")
                        .flag(null, "no-display", "do not capture displays and the cell's value: show them")
                        .positional("name", ArgType.STRING, false, "the variable to store the captured output in")
                        .build(), new CaptureMagic()::run));
    }

    private static Magic display(String name, String mimeType, String summary, String plainText) {
        MagicSpec spec = MagicSpec.builder(name).kind(MagicKind.CELL).area(Area.OUTPUT).summary(summary).build();
        return Magic.of(spec, call -> {
            String body = call.body();
            if (mimeType.equals("image/svg+xml") && !body.contains("<svg")) {
                throw new UsageException("the cell holds no <svg> element");
            }
            call.session().display(new MimeBundle()
                    .put(mimeType, body)
                    .put("text/plain", plainText == null ? body : plainText));
            return Session.NO_VALUE;
        });
    }

    private static Object writeFile(Invocation call) throws CellError {
        Path file = Path.of(call.args().positional("file"));
        boolean append = call.args().flag("append");
        boolean existed = Files.exists(file);
        if (Files.isDirectory(file)) {
            throw new UsageException(file + " is a directory; give a file name");
        }
        String body = call.body();
        if (!body.isEmpty() && !body.endsWith("\n")) {
            body += "\n";
        }
        try {
            if (append) {
                Files.writeString(file, body, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                Files.writeString(file, body, StandardCharsets.UTF_8);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            Path folder = file.toAbsolutePath().getParent();
            throw CellError.of("WriteError", "could not write " + file + ": the folder " + folder
                    + " does not exist (create it first, e.g. !mkdir -p " + folder + ")");
        } catch (java.nio.file.AccessDeniedException e) {
            throw CellError.of("WriteError", "could not write " + file + ": permission denied");
        } catch (IOException e) {
            throw CellError.of("WriteError", "could not write " + file + ": " + e);
        }
        call.session().out().println((append ? "Appending to " : existed ? "Overwriting " : "Writing ") + file);
        return Session.NO_VALUE;
    }

    static boolean isJavaIdentifier(String name) {
        return JAVA_IDENTIFIER.matcher(name).matches() && !javax.lang.model.SourceVersion.isKeyword(name);
    }
}
