package io.juxta.kernel.worker;

import com.sun.source.util.JavacTask;
import java.net.URI;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Tells whether a complete-looking snippet can ever compile, by parsing it (no symbol lookup) as
 * an expression, statements, class members or imports. JShell's own analysis calls
 * {@code int 3x = 1;} complete; a front end must hear "invalid".
 */
final class SyntaxCheck {
    private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();

    boolean parses(String snippet) {
        String s = snippet.strip();
        String expression = s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
        for (String unit : List.of(
                "class $C { Object $v = (" + expression + "\n); }",
                "class $C { void $m() throws Throwable {\n" + s + "\n} }",
                "class $C {\n" + s + "\n}",
                s + "\nclass $C { }")) {
            if (parseOk(unit)) {
                return true;
            }
        }
        return false;
    }

    private boolean parseOk(String source) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Check.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavacTask task = (JavacTask) compiler.getTask(null, null, diagnostics, List.of("-proc:none", "-Xlint:none"),
                null, List.of(file));
        try {
            task.parse();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        return diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR);
    }
}
