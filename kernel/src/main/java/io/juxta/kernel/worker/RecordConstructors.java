package io.juxta.kernel.worker;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * JShell declares a snippet's record public, and javac then refuses the record's canonical or compact constructor
 * written without an access modifier ({@code record Range(int lo, int hi) { Range { ... } }}, as Java's own examples
 * write it): "attempting to assign stronger access privileges", in the jshell tool too. This finds those
 * constructors, by parsing the snippet (nothing is compiled), so that the session can make them public before JShell
 * sees the code: the first time, and when the cell runs again (a retry after JShell's refusal came too late then,
 * for the refused snippet had already replaced the record and reset what used it).
 */
final class RecordConstructors {
    /**
     * A snippet that declares a record: after comments, annotations and modifiers it starts "record Name". Only
     * those are parsed (a record variable or a comment that says "record" costs nothing).
     */
    private static final Pattern RECORD = Pattern.compile("\\A(?:\\s+|//[^\\n]*|/\\*.*?\\*/|@[\\w.]+(?:\\s*\\([^)]*\\))?"
            + "|(?:public|protected|private|static|final|strictfp|abstract)\\b)*record\\s+[\\p{L}_$]", Pattern.DOTALL);
    /** One file manager for every parse: making one costs more than the parse. */
    private static volatile javax.tools.StandardJavaFileManager files;
    private static final Set<Modifier> ACCESS = Set.of(Modifier.PUBLIC, Modifier.PROTECTED, Modifier.PRIVATE);

    private RecordConstructors() {
    }

    /** Where "public " must go, ascending: the start of each such constructor of the snippet's own record. */
    static List<Integer> bare(String code) {
        List<Integer> at = new ArrayList<>();
        if (!RECORD.matcher(code).lookingAt()) {
            return at;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return at;
        }
        SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), javax.tools.JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
        try {
            if (files == null) {
                files = javac.getStandardFileManager(diagnostic -> { }, null, java.nio.charset.StandardCharsets.UTF_8);
            }
            JavacTask task = (JavacTask) javac.getTask(null, files, diagnostic -> { }, List.of("-proc:none"), null, List.of(file));
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                for (Tree type : unit.getTypeDecls()) {
                    if (type.getKind() == Tree.Kind.RECORD) {
                        constructors((ClassTree) type, unit, positions, code, at);
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return List.of(); // left to JShell, as written
        }
        at.sort(null);
        return at;
    }

    /**
     * Every constructor without an access modifier, canonical or not: javac refuses only the canonical ones, but the
     * record is public and every cell is in one package, so making the others public changes nothing a cell sees, and
     * telling them apart would need the types resolved ({@code List<String>} against {@code java.util.List<String>}).
     */
    private static void constructors(ClassTree record, CompilationUnitTree unit, SourcePositions positions, String code,
                                     List<Integer> at) {
        for (Tree member : record.getMembers()) {
            if (!(member instanceof MethodTree m) || !m.getName().contentEquals("<init>")
                    || m.getModifiers().getFlags().stream().anyMatch(ACCESS::contains)) {
                continue;
            }
            int start = (int) positions.getStartPosition(unit, m);
            if (start >= 0 && start < code.length()) {
                at.add(start);
            }
        }
    }
}
