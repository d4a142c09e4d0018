package io.juxta.magics.timing;

import io.juxta.magics.spec.UsageException;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Turns the statements of a {@code %timeit} into the source of one lambda, so JShell compiles
 * them once and the loop calls compiled code: evaluating source per loop would time javac.
 * The last expression becomes the lambda's return value, which keeps the JIT from dropping it.
 */
final class TimedLambda {
    private TimedLambda() {
    }

    /**
     * Java sources of a {@code Callable<Object>} running {@code code}, to try in order: when JShell
     * cannot tell whether the last snippet is an expression (it uses a variable declared in the
     * timed code itself), first as a returned expression, then as a statement.
     */
    static List<String> sources(String code, JShell jshell) {
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        List<String> statements = new ArrayList<>();
        String lastExpression = null;
        String lastUnknown = null;
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.source() == null) {
                throw new UsageException("the code to time is incomplete: " + firstLine(remaining));
            }
            String snippet = info.source().strip();
            if (lastExpression != null) {
                statements.add("{ Object $timed = (" + lastExpression + "); }");
                lastExpression = null;
            }
            if (lastUnknown != null) {
                statements.add(lastUnknown);
                lastUnknown = null;
            }
            List<Snippet> parsed = analysis.sourceToSnippets(snippet);
            Snippet.Kind kind = parsed.isEmpty() ? Snippet.Kind.ERRONEOUS : parsed.get(0).kind();
            Snippet.SubKind subKind = parsed.isEmpty() ? Snippet.SubKind.UNKNOWN_SUBKIND : parsed.get(0).subKind();
            switch (kind) {
                case IMPORT:
                case METHOD:
                case TYPE_DECL:
                    throw new UsageException("%timeit times statements and expressions; declare imports, methods and "
                            + "classes in an earlier cell (found: " + firstLine(snippet) + ")");
                case EXPRESSION:
                    lastExpression = withoutSemicolon(snippet);
                    break;
                case ERRONEOUS:
                    lastUnknown = snippet.endsWith(";") || snippet.endsWith("}") ? snippet : snippet + ";";
                    break;
                default:
                    if (subKind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                        lastExpression = withoutSemicolon(snippet);
                    } else {
                        statements.add(snippet.endsWith(";") || snippet.endsWith("}") ? snippet : snippet + ";");
                    }
            }
            remaining = info.remaining();
        }
        if (statements.isEmpty() && lastExpression == null && lastUnknown == null) {
            throw new UsageException("nothing to time: give a statement");
        }
        if (lastUnknown != null) {
            return List.of(lambda(statements, withoutSemicolon(lastUnknown)), lambda(append(statements, lastUnknown), null));
        }
        return List.of(lambda(statements, lastExpression));
    }

    private static String lambda(List<String> statements, String returned) {
        // inside if (true) the statements may end the lambda themselves (a throw) without making the
        // final return unreachable, which javac would refuse
        StringBuilder lambda = new StringBuilder("(java.util.concurrent.Callable<Object>) () -> {\nif (true) {\n");
        statements.forEach(s -> lambda.append(s).append('\n'));
        if (returned != null) {
            lambda.append("return (").append(returned).append(");\n");
        }
        return lambda.append("}\nreturn null;\n}").toString();
    }

    private static List<String> append(List<String> list, String last) {
        List<String> longer = new ArrayList<>(list);
        longer.add(last);
        return longer;
    }

    private static String withoutSemicolon(String snippet) {
        return snippet.endsWith(";") ? snippet.substring(0, snippet.length() - 1) : snippet;
    }

    private static String firstLine(String code) {
        String line = code.strip().lines().findFirst().orElse("");
        return line.length() > 60 ? line.substring(0, 59) + "…" : line;
    }
}
