package io.juxta.kernel.worker;

import io.juxta.kernel.api.CellError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.TypeDeclSnippet;

/**
 * Keeps a class of the user's and a single-type import of the same simple name apart. In JShell, declaring
 * {@code class Reader} while {@code import java.io.Reader;} is active (one of the session's defaults) is accepted,
 * and then every later snippet, {@code 1+1} included, is rejected: JShell imports the new class into each compile,
 * and javac refuses two single-type imports of one name. A notebook must not die of a class name, so before a
 * snippet runs: a top-level type it declares replaces the import, as a REPL redefinition would (silently for one of
 * the session's defaults, which stand for wildcards; with a note for an import the user wrote); an import of a name
 * the user's own type already has is refused with an error that says what to write.
 */
final class TypeNameClashes {
    /** Where a snippet may declare a type or import one: JShell's parse is asked only when this matches. */
    private static final Pattern MAY_CLASH = Pattern.compile("\\b(?:class|interface|enum|record|import)\\b");

    private final JShell jshell;

    TypeNameClashes(JShell jshell) {
        this.jshell = jshell;
    }

    /** What a snippet about to run means for imports: notes to show, and the type names it declares or imports. */
    record Check(List<String> notes, Set<String> claimed) {
        static final Check NOTHING = new Check(List.of(), Set.of());
    }

    /**
     * Call before evaluating {@code snippet}. Drops single-type imports the snippet's top-level type would clash
     * with and notes each the user wrote; throws if the snippet imports the name of one of the user's types. A
     * default import given on first use ({@link DeferredImports}) yields silently to a type of the user's or to a
     * single-type import of theirs, as the wildcard it stands for would ({@code deferred}: the session's defaults).
     * Returns the names the snippet claims.
     */
    Check beforeEval(String snippet, DeferredImports deferred) throws CellError {
        if (!MAY_CLASH.matcher(snippet).find()) {
            return Check.NOTHING;
        }
        List<String> notes = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        for (Snippet s : jshell.sourceCodeAnalysis().sourceToSnippets(snippet)) {
            if (s instanceof TypeDeclSnippet type) {
                claimed.add(type.name());
                DeferredImports.Given given = deferred.givenFor(type.name());
                if (given != null) {
                    jshell.drop(given.snippet());
                    deferred.giveBack(type.name());
                }
                for (ImportSnippet imp : singleTypeImports(type.name())) {
                    jshell.drop(imp);
                    notes.add("Note: " + type.name() + " is now your " + kindOf(type) + "; " + imp.fullname()
                            + " is no longer imported (write its full name to use it).");
                }
            } else if (s instanceof ImportSnippet imp && imp.subKind() == Snippet.SubKind.SINGLE_TYPE_IMPORT_SUBKIND) {
                claimed.add(imp.name());
                if (userTypeNames().contains(imp.name())) {
                    throw CellError.of("ImportClash", "Cannot import " + imp.fullname() + ": " + imp.name()
                            + " is the name of your own class in this session. Write " + imp.fullname()
                            + " in full where you need it, or rename your class.");
                }
                DeferredImports.Given given = deferred.givenFor(imp.name());
                if (given != null && given.line().equals(imp.source().strip())) {
                    deferred.handOver(imp.name());      // the same import, written by the user: theirs from now on
                } else if (given != null) {
                    jshell.drop(given.snippet());        // another class of that name: the user's import wins
                    deferred.giveBack(imp.name());
                }
            }
        }
        return new Check(notes, claimed);
    }

    private List<ImportSnippet> singleTypeImports(String simpleName) {
        return jshell.imports()
                .filter(i -> i.subKind() == Snippet.SubKind.SINGLE_TYPE_IMPORT_SUBKIND && i.name().equals(simpleName))
                .toList();
    }

    private Set<String> userTypeNames() {
        return jshell.types().map(TypeDeclSnippet::name).collect(Collectors.toSet());
    }

    private static String kindOf(TypeDeclSnippet type) {
        return switch (type.subKind()) {
            case INTERFACE_SUBKIND -> "interface";
            case ENUM_SUBKIND -> "enum";
            case ANNOTATION_TYPE_SUBKIND -> "annotation";
            case RECORD_SUBKIND -> "record";
            default -> "class";
        };
    }
}
