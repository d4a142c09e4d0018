package io.juxta.magics;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/** Asks JShell whether Java source is unfinished, snippet by snippet. */
final class JShellCompleteness implements CellSplitter.JavaCompleteness {
    private final JShell jshell;

    JShellCompleteness(JShell jshell) {
        this.jshell = jshell;
    }

    @Override
    public boolean isUnfinished(String javaSource) {
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String remaining = javaSource;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return true;
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    if (info.remaining().length() >= remaining.length()) {
                        return false;
                    }
                    remaining = info.remaining();
                    break;
                default:
                    // EMPTY or UNKNOWN (broken code): let the compiler report it where it is
                    return false;
            }
        }
        return false;
    }
}
