package io.juxta.kernel.worker;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.CellHandler;
import io.juxta.kernel.api.CellHook;
import io.juxta.kernel.api.Completer;
import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Renderers;
import io.juxta.kernel.api.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jshell.Diag;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.VarSnippet;

/** One JShell session in the worker, with the hooks and handlers extensions added. */
final class JavaSession implements Session {
    private final JShell jshell;
    private final CapturingExecutionControl control;
    private final RendererRegistry renderers = new RendererRegistry();
    private final ErrorFormatter errors = new ErrorFormatter();
    private final SyntaxCheck syntax = new SyntaxCheck();
    private final CompiledClassSweeper sweeper;
    private final SnippetFrames snippetFrames;
    private final String compileClasspath;
    /** Jars and folders added to the class path since (%maven, %classpath). */
    private final List<String> addedClasspath = new CopyOnWriteArrayList<>();
    /** The default imports, given to JShell per name on first use once the worker has started (see there). */
    private volatile DeferredImports deferred = DeferredImports.none();
    private final TypeNameClashes clashes;
    private final Outbox outbox;
    private final FrontEndInput input;
    private final PrintStream out;
    private final PrintStream err;
    final List<CellHandler> handlers = new CopyOnWriteArrayList<>();
    final List<Completer> completers = new CopyOnWriteArrayList<>();
    final List<CellHook> beforeCell = new CopyOnWriteArrayList<>();
    final List<CellHook> afterCell = new CopyOnWriteArrayList<>();
    final List<Runnable> onInterrupt = new CopyOnWriteArrayList<>();
    /** The wrapper class that holds each variable, to read its object rather than its string form. */
    private final java.util.Map<String, String> variableClasses = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean interruptRequested;
    private volatile int executionCount;
    /** Where the next {@link #eval} looks for its source in the cell: after the last one found, as segments run in order. */
    private int evalSearchFrom;
    private String cellText = "";

    JavaSession(Outbox outbox, FrontEndInput input, PrintStream out, PrintStream err, String compileClasspath) {
        this.outbox = outbox;
        this.input = input;
        this.out = out;
        this.err = err;
        this.compileClasspath = compileClasspath;
        CapturingExecutionControl.Provider provider = new CapturingExecutionControl.Provider();
        // JShell's javac takes its class path from this property on the first evaluation; the
        // worker's class loader was made from it at start-up and does not read it again
        String runtimeClasspath = System.getProperty("java.class.path");
        System.setProperty("java.class.path", compileClasspath);
        try {
            this.jshell = JShell.builder()
                    .executionEngine(provider, java.util.Map.of())
                    .compilerOptions("-Xlint:none")
                    .out(err).err(err)
                    .build();
            // the first evaluation starts the engine, so the provider has made it afterwards
            jshell.eval("import java.util.*;");
        } finally {
            System.setProperty("java.class.path", runtimeClasspath);
        }
        this.control = provider.control();
        this.snippetFrames = new SnippetFrames(jshell);
        CellThreads.interruptedWhen(() -> interruptRequested);
        CellThreads.onUncaught((thread, e) -> {
            err.print(errors.uncaught(thread.getName(), e, snippetFrames::of));
            err.flush();
        });
        this.sweeper = new CompiledClassSweeper(jshell);
        this.clashes = new TypeNameClashes(jshell);
    }

    /**
     * Import statements the start-up code evaluates from now on until {@link #deferStartupImports} are only noted,
     * not compiled: they are deferred anyway, and compiling the defaults one snippet at a time took 0.9 s of every
     * start. Code that is not only imports is evaluated as usual, after the imports noted so far.
     */
    void collectStartupImports() {
        startupImports = new ArrayList<>();
    }

    /** Import statements noted while the session starts, not yet given to JShell; null once it has started. */
    private List<String> startupImports;

    /**
     * The import statements {@code source} consists of, each as JShell would split it off; null if it holds
     * anything else.
     */
    private List<String> onlyImports(String source) {
        List<String> lines = new ArrayList<>();
        String rest = source;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = jshell.sourceCodeAnalysis().analyzeCompletion(rest);
            if (info.source() == null || !info.completeness().isComplete()
                    || !info.source().strip().matches("import\\s[^;]*;")) {
                return null;
            }
            lines.add(info.source().strip());
            rest = info.remaining();
        }
        return lines;
    }

    /** Notes a start-up import as JShell would take it: a later single-type import of the same name replaces one. */
    private void noteStartupImport(String line) {
        DeferredImports.Import imp = DeferredImports.Import.parse(line);
        if (imp != null && !imp.wildcard() && !imp.isStatic()) {
            startupImports.removeIf(earlier -> {
                DeferredImports.Import e = DeferredImports.Import.parse(earlier);
                return e != null && !e.wildcard() && !e.isStatic() && e.simpleName().equals(imp.simpleName());
            });
        }
        startupImports.remove(line);
        startupImports.add(line);
    }

    /**
     * Whether a single-type import names a class the session can see: JShell, given it, would have said so at
     * start-up; noted, it would only fail once a cell names the class.
     */
    private static boolean namesAClass(DeferredImports.Import imp) {
        ClassLoader loader = JavaSession.class.getClassLoader(); // the class file is looked for, not loaded
        return DeferredImports.firstBinaryName(imp.name(), name -> loader.getResource(name.replace('.', '/') + ".class")) != null;
    }

    /** Gives JShell the start-up imports noted so far, and notes no more. */
    private void evalStartupImports() {
        List<String> lines = startupImports;
        startupImports = null;
        lines.forEach(this::evalStartupImport);
    }

    /** One start-up import, given to JShell; a failure is said, as a failing start-up step's is, and the rest go on. */
    private void evalStartupImport(String line) {
        try {
            eval(line);
        } catch (CellError e) {
            err.println("Juxta: startup code failed: " + e.evalue());
        }
    }

    /**
     * Makes the session's default imports (the ones evaluated so far and those noted by
     * {@link #collectStartupImports}) deferred: JShell is given each name's import when a snippet first mentions it
     * ({@link DeferredImports}), so a cell compiles with only the imports used so far. The imports it cannot defer
     * (static ones) are given now. Does nothing but give the noted ones if anything but imports was evaluated.
     */
    void deferStartupImports() {
        List<Snippet> active = jshell.snippets().filter(sn -> jshell.status(sn).isActive()).toList();
        if (active.stream().anyMatch(sn -> sn.kind() != Snippet.Kind.IMPORT)) {
            if (startupImports != null) {
                evalStartupImports();
            }
            return;
        }
        List<String> lines = new ArrayList<>(active.stream().map(sn -> sn.source().strip()).toList());
        List<String> noted = new ArrayList<>(startupImports == null ? List.of() : startupImports);
        startupImports = null;
        noted.removeIf(line -> {
            DeferredImports.Import imp = DeferredImports.Import.parse(line);
            if (imp == null || imp.wildcard() || imp.isStatic() || namesAClass(imp)) {
                return false;
            }
            err.println("Juxta: startup code failed: " + line + " names no class on the class path");
            return true;
        });
        noted.stream().filter(line -> !lines.contains(line)).forEach(lines::add);
        List<String> eager = new ArrayList<>();
        DeferredImports index = DeferredImports.index(lines, compileClasspath, JavaSession.class.getClassLoader(), eager);
        for (Snippet sn : active) {
            if (!eager.contains(sn.source().strip())) {
                jshell.drop(sn);
            }
        }
        noted.stream().filter(eager::contains).forEach(this::evalStartupImport);
        deferred = index;
    }

    /** Gives JShell the deferred imports of the names a snippet mentions, before it sees the snippet. */
    private void giveImports(Set<String> names) {
        if (!deferred.anyPending(names)) {
            return;
        }
        deferred.take(names, namesTheUserClaims()).forEach((name, line) -> {
            List<SnippetEvent> events = jshell.eval(line);
            // a class a wildcard lists but cannot import (not public) gives nothing, as the wildcard would not
            if (!events.isEmpty() && events.get(0).snippet() instanceof ImportSnippet imp && events.get(0).status().isActive()) {
                deferred.given(name, line, imp);
            }
        });
    }

    /** Names of the user's own types and single-type imports: a default import of the same name must yield. */
    private Set<String> namesTheUserClaims() {
        Set<String> names = new java.util.HashSet<>();
        jshell.types().forEach(t -> names.add(t.name()));
        jshell.imports()
                .filter(i -> i.subKind() == Snippet.SubKind.SINGLE_TYPE_IMPORT_SUBKIND && !deferred.isGiven(i))
                .forEach(i -> names.add(i.name()));
        return names;
    }

    /** A wildcard the user imported keeps a default's name of the same class name ambiguous, as both wildcards would. */
    private void noteUserWildcards(List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null && e.snippet() instanceof ImportSnippet imp && e.status().isActive()
                    && imp.subKind() == Snippet.SubKind.TYPE_IMPORT_ON_DEMAND_SUBKIND) {
                String pkg = imp.fullname().endsWith(".*") ? imp.fullname().substring(0, imp.fullname().length() - 2) : imp.fullname();
                String classpath = String.join(java.io.File.pathSeparator, compileClasspath, String.join(java.io.File.pathSeparator, addedClasspath));
                deferred.userWildcard(pkg, DeferredImports.PackageLister.classes(Set.of(pkg), classpath).get(pkg));
            }
        }
    }

    @Override
    public List<String> imports() {
        List<String> lines = new ArrayList<>(deferred.lines());
        jshell.imports()
                .filter(i -> !deferred.isGiven(i))
                .map(i -> i.source().strip())
                .filter(line -> !lines.contains(line))
                .forEach(lines::add);
        if (startupImports != null) {
            startupImports.stream().filter(line -> !lines.contains(line)).forEach(lines::add); // noted after those
        }
        return lines;
    }

    // ---- cells ----

    /** Runs one notebook cell: hooks, a handler that claims it, or plain Java. Returns the rendered value or null. */
    MimeBundle runCell(String cell, int count) throws CellError {
        executionCount = count; // an interrupt is not forgotten here: one may have come for this cell already

        cellText = cell;
        evalSearchFrom = 0;
        lastEval = null;
        try {
            for (CellHook h : beforeCell) {
                runHook(h, cell, "before-cell hook");
            }
            Object value = null;
            CellHandler handler = handlerFor(cell);
            String plain = null;
            if (handler != null) {
                try {
                    value = handler.run(cell, this);
                    if (lastEval != null && lastEval.value == value) {
                        // the value of the user's code (%time "abc"): shown as a plain cell shows it, "abc" quoted
                        plain = lastEval.plainText;
                    }
                } catch (CellError e) {
                    throw e;
                } catch (Exception | LinkageError e) {
                    throw ErrorFormatter.internal(handler.getClass().getSimpleName(), e);
                }
            } else {
                Evaluation ev = evaluate(cell, count, 0);
                value = ev.value;
                plain = ev.plainText;
            }
            if (value == NO_VALUE || value == null || value instanceof io.juxta.kernel.DisplayHandle) {
                return null;
            }
            return withinOutputLimit(capped(renderers.render(value, plain)));
        } finally {
            for (CellHook h : afterCell) {
                try {
                    runHook(h, cell, "after-cell hook");
                } catch (CellError e) {
                    err.println(e.ename() + ": " + e.evalue());
                }
            }
            sweeper.sweep();
        }
    }

    /** A cell's value shown as text is cut at this many characters: a million-element list made a 17 MB message. */
    static final int MAX_RESULT_CHARS = 100_000;

    /** The first {@code max} characters of a longer text, one fewer where that would split a surrogate pair. */
    static String head(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }

    static MimeBundle capped(MimeBundle bundle) {
        if (!(bundle.get("text/plain") instanceof String text) || text.length() <= MAX_RESULT_CHARS) {
            return bundle;
        }
        int cut = head(text, MAX_RESULT_CHARS).length();
        MimeBundle copy = new MimeBundle(); // the bundle may be the user's own object (a MimeBundle value)
        copy.data().putAll(bundle.data());
        copy.metadata().putAll(bundle.metadata());
        return copy.put("text/plain", text.substring(0, cut) + "…\n[the value's text is " + String.format(java.util.Locale.ROOT,
                "%,d", text.length()) + " characters; the first " + String.format(java.util.Locale.ROOT, "%,d", cut)
                + " are shown. System.out.println(value) prints all of it]");
    }

    /**
     * One output holds at most this many bytes of data as UTF-8 (16 MiB), as the kernel relays it: the kernel has a
     * small heap (a 300,000-point SVG chart of 150 MB made it run out and hang the cell), and a browser chokes on
     * far less.
     */
    static final int MAX_OUTPUT_CHARS = 16 << 20;

    /** The bundle, or in its place a note of what it was and what to do, when it is too large to show. */
    static MimeBundle withinOutputLimit(MimeBundle bundle) {
        long upTo = 0; // three bytes a char at most: most bundles need no counting
        for (Object value : bundle.data().values()) {
            upTo += 3L * (value instanceof CharSequence s ? s.length() : String.valueOf(value).length());
        }
        if (upTo <= MAX_OUTPUT_CHARS) {
            return bundle;
        }
        long chars = 0;
        String largest = "";
        long largestChars = -1;
        for (var e : bundle.data().entrySet()) {
            long n = utf8Length(e.getValue() instanceof CharSequence s ? s : String.valueOf(e.getValue()));
            chars += n;
            if (n > largestChars) {
                largest = e.getKey();
                largestChars = n;
            }
        }
        if (chars <= MAX_OUTPUT_CHARS) {
            return bundle;
        }
        if (bundle.data().size() > 1 && chars - largestChars <= MAX_OUTPUT_CHARS) {
            // without its largest form (an SVG beside a PNG, say) the rest fits: show that, and say what was left out
            MimeBundle rest = new MimeBundle();
            final String dropped = largest;
            bundle.data().forEach((type, value) -> {
                if (!type.equals(dropped)) {
                    rest.put(type, value);
                }
            });
            System.err.println(String.format(java.util.Locale.ROOT, "Note: the %s form of this output (%.1f MB) was left"
                    + " out: one output may hold %d MB.", dropped, largestChars / 1e6, MAX_OUTPUT_CHARS >> 20));
            return rest;
        }
        return MimeBundle.text(String.format(java.util.Locale.ROOT, "[not shown: this output is %.1f MB (%s), more than"
                + " the %d MB one notebook output may hold. Show less (fewer points, a smaller image, the first rows),"
                + " or write it to a file and open that]", chars / 1e6, largest, MAX_OUTPUT_CHARS >> 20));
    }

    private static long utf8Length(CharSequence s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** The first handler that claims the cell (the magics), or null for plain Java. */
    private CellHandler handlerFor(String cell) {
        for (CellHandler h : handlers) {
            if (h.accepts(cell)) {
                return h;
            }
        }
        return null;
    }

    private void runHook(CellHook h, String cell, String what) throws CellError {
        try {
            h.run(this, cell);
        } catch (CellError e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw ErrorFormatter.internal(what, e);
        }
    }

    private record Evaluation(Object value, String plainText) {}

    @Override
    public CellError errorOf(Throwable thrown) {
        return errors.thrownBy(thrown, snippetFrames::of);
    }

    @Override
    public Object eval(String javaSource) throws CellError {
        if (startupImports != null) {
            List<String> imports = onlyImports(javaSource);
            if (imports != null) {
                imports.forEach(this::noteStartupImport);
                return NO_VALUE;
            }
            evalStartupImports(); // the code may need them
        }
        // the same code may be in a cell twice (`%time f(1)` and later `f(1)`): look after the last match first
        int at = cellText.indexOf(javaSource, evalSearchFrom);
        if (at < 0) {
            at = cellText.indexOf(javaSource); // a second pass over the same code (%%compare runs it per backend)
        }
        if (at >= 0) {
            evalSearchFrom = at + javaSource.length();
        }
        int firstLine = at < 0 ? 0 : ErrorFormatter.lineOf(cellText, at) - 1;
        inCellText = at >= 0 || cellText.isEmpty(); // no cell (start-up code): its lines are the code's own
        try {
            lastEval = evaluate(javaSource, executionCount, firstLine);
        } finally {
            inCellText = true;
        }
        return lastEval.value;
    }

    /** False while a magic evaluates code the cell does not hold as written (%timeit's lambda): its lines are not the cell's. */
    private boolean inCellText = true;

    /** The cell line a snippet starts on, for its stack frames; none for code the cell does not hold as written. */
    private int originLine(String source, int firstLine, int at) {
        return inCellText ? firstLine + ErrorFormatter.lineOf(source, at + leadingBlank(source, at)) : ErrorFormatter.NO_LINE;
    }

    /** What the last {@link #eval} of this cell gave, with JShell's text of it. */
    private Evaluation lastEval;

    /** Splits source into snippets and evaluates them in order; stops at the first error. */
    private Evaluation evaluate(String source, int count, int firstLine) throws CellError {
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String rest = source;
        int offset = 0;
        Evaluation last = new Evaluation(NO_VALUE, null);
        CellNotes notes = new CellNotes();
        try {
            while (!rest.isBlank()) {
                checkInterrupt();
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
                String snippet = info.source() != null && info.completeness().isComplete() ? info.source() : rest;
                String remaining = info.source() != null && info.completeness().isComplete() ? info.remaining() : "";
                // JShell re-declares every variable (losing its value) for an import whose source starts with a line break
                int blank = leadingBlank(snippet, 0);
                String code = snippet.substring(blank);
                TypeNameClashes.Check check = clashes.beforeEval(code, deferred);
                check.notes().forEach(err::println);
                Set<String> names = DeferredImports.identifiers(code);
                names.removeAll(check.claimed());
                giveImports(names);
                control.forgetLastClass();
                // a thread the snippet starts may fail before JShell says which snippet it is
                int at = offset + blank;
                errors.running(count, originLine(source, firstLine, at));
                try {
                    long evalStart = System.nanoTime();
                    long ranBefore = control.runWallNanos();
                    List<SnippetEvent> events = evalRecord(code);
                    compileNanos += System.nanoTime() - evalStart - (control.runWallNanos() - ranBefore);
                    noteUserWildcards(events);
                    last = outcome(source, count, firstLine, at, events, notes);
                } finally {
                    errors.running(-1, 0); // the snippet's origin is remembered by its id now
                }
                offset += rest.length() - remaining.length();
                rest = remaining;
            }
        } finally {
            say(notes);
        }
        checkInterrupt();
        return last;
    }

    /**
     * JShell's eval, except that a record's canonical or compact constructor written without an access modifier is
     * made public first ({@link RecordConstructors}); errors in such code are shown where the user wrote them.
     */
    private List<SnippetEvent> evalRecord(String code) {
        amendedAt.clear();
        List<Integer> bare = RecordConstructors.bare(code);
        if (bare.isEmpty()) {
            return jshell.eval(code);
        }
        StringBuilder amended = new StringBuilder(code);
        for (int i = bare.size() - 1; i >= 0; i--) {
            amended.insert(bare.get(i), PUBLIC);
        }
        for (int i = 0; i < bare.size(); i++) {
            amendedAt.add(bare.get(i) + i * PUBLIC.length()); // where each went, in the amended code
        }
        return jshell.eval(amended.toString());
    }

    private static final String PUBLIC = "public ";
    /** Where {@link #evalRecord} inserted {@link #PUBLIC} into the current snippet, in the amended code's positions. */
    private final List<Integer> amendedAt = new ArrayList<>();

    /** A position in the snippet JShell compiled, in the code the user wrote. */
    private long userPosition(long pos) {
        long shift = 0;
        for (int q : amendedAt.stream().sorted().toList()) {
            if (pos >= q + PUBLIC.length()) {
                shift += PUBLIC.length();
            } else if (pos >= q) {
                return q - shift;
            }
        }
        return pos - shift;
    }

    /**
     * What a cell's declarations did to the session, said once the cell is through: variables a redefinition cost
     * their values (not one the same cell then declares again), and declarations that still wait for a name (not one
     * declared further down the same cell, as a sealed interface's records are).
     */
    private static final class CellNotes {
        final List<jdk.jshell.DeclarationSnippet> unresolved = new ArrayList<>();
        final List<Map.Entry<VarSnippet, String>> lost = new ArrayList<>();
        /** Of {@link #lost}, the variables said to be reset to null: not said if the cell gave them a value again. */
        final Set<VarSnippet> reset = new java.util.HashSet<>();
    }

    /** JShell's text of a variable's value, or null when it cannot be read. */
    private String valueText(VarSnippet v) {
        try {
            return jshell.varValue(v);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void say(CellNotes notes) {
        for (Map.Entry<VarSnippet, String> lost : notes.lost) {
            Snippet.Status now = jshell.status(lost.getKey());
            if (now == Snippet.Status.OVERWRITTEN || now == Snippet.Status.DROPPED) {
                continue;
            }
            if (notes.reset.contains(lost.getKey()) && now.isActive() && !"null".equals(valueText(lost.getKey()))) {
                continue; // assigned again further down the cell
            }
            err.println(lost.getValue());
        }
        for (jdk.jshell.DeclarationSnippet s : notes.unresolved) {
            Snippet.Status now = jshell.status(s);
            if (now == Snippet.Status.RECOVERABLE_DEFINED || now == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                List<String> missing = jshell.unresolvedDependencies(s).toList();
                err.println("Note: " + describe(s) + " is declared but " + ErrorFormatter.waitingFor(missing) + ".");
            }
        }
    }

    private Evaluation outcome(String source, int count, int firstLine, int offset, List<SnippetEvent> events,
                               CellNotes notes) throws CellError {
        Evaluation result = new Evaluation(NO_VALUE, null);
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                noteDependentUpdate(e, notes);
                continue;
            }
            Snippet s = e.snippet();
            errors.remember(s.id(), count, originLine(source, firstLine, offset));
            if (e.status() == Snippet.Status.REJECTED) {
                List<Diag> diags = jshell.diagnostics(s).toList();
                if (diags.isEmpty()) {
                    throw CellError.of(CellError.COMPILATION_ERROR, "JShell rejected this code without a reason: " + s.source().strip());
                }
                throw errors.compileError(source, count, diags, offset, firstLine, this::userPosition);
            }
            if (e.exception() != null) {
                forgetTemporary(s);
                checkInterrupt();
                if (e.exception() instanceof jdk.jshell.UnresolvedReferenceException u) {
                    jdk.jshell.DeclarationSnippet waiting = u.getSnippet();
                    throw errors.unresolved(describe(waiting), jshell.unresolvedDependencies(waiting).toList(), waiting.source());
                }
                // JShell's two kinds of run-time failure: the one above, and an exception of the code
                throw errors.runtimeError((jdk.jshell.EvalException) e.exception(), control.takeThrown());
            }
            checkInterrupt();
            if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                notes.unresolved.add((jdk.jshell.DeclarationSnippet) s);
            }
            if (s instanceof VarSnippet v && e.status() == Snippet.Status.VALID && control.lastClass() != null
                    && s.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                variableClasses.put(v.name(), control.lastClass());
            }
            result = valueOf(e);
            forgetTemporary(s);
        }
        return result;
    }

    /**
     * JShell recompiles what depends on a redefined class: a variable of that class loses its value (it is reset to
     * null, or can no longer be used at all). Silently, a later cell would find null or "cannot find symbol".
     */
    private void noteDependentUpdate(SnippetEvent e, CellNotes notes) {
        if (!(e.snippet() instanceof VarSnippet v) || !e.previousStatus().isActive()
                || v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                || e.status() == Snippet.Status.OVERWRITTEN) { // declared again (a cell run twice): replaced, not lost
            return;
        }
        String cause = describe(e.causeSnippet());
        if (!e.status().isDefined()) {
            notes.lost.add(Map.entry(v, "Note: variable " + v.name() + " can no longer be used, because " + cause
                    + " was redefined; run the code that defines it again."));
        } else if (e.isSignatureChange()) {
            notes.lost.add(Map.entry(v, "Note: variable " + v.name() + " was reset to null, because " + cause + " was redefined."));
            notes.reset.add(v);
        }
    }

    /**
     * Drops the $N variable JShell made for an expression, once its value is read, and lets go of the value. JShell
     * imports every live variable into each later compile, so 1,000 of them made `1+1` several times slower, and
     * each kept its value (a tensor, a chart) alive for the whole session; no one names $N in a notebook.
     */
    private void forgetTemporary(Snippet s) {
        if (s.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND || !(s instanceof VarSnippet v)) {
            return;
        }
        String wrapper = control.lastClass();
        jshell.drop(s);
        try {
            control.clearVariable(wrapper, v.name());
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // the value stays reachable from its dropped wrapper class; nothing else depends on it
        }
    }

    private static int leadingBlank(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i - from;
    }

    private static String describe(Snippet s) {
        return switch (s.kind()) {
            case METHOD -> "method " + ((jdk.jshell.MethodSnippet) s).name();
            case TYPE_DECL -> "type " + ((jdk.jshell.TypeDeclSnippet) s).name();
            case VAR -> "variable " + ((VarSnippet) s).name();
            default -> "this code";
        };
    }

    /** The value a trailing expression shows: temporary variables ($1) and bare variable references. */
    private Evaluation valueOf(SnippetEvent e) {
        Snippet s = e.snippet();
        boolean shows = switch (s.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND -> true;
            default -> false;
        };
        if (!shows) {
            return new Evaluation(NO_VALUE, null);
        }
        // JShell's string form is null when the value's toString threw: the object is still shown, with why
        String name = s instanceof VarSnippet v ? v.name() : s.source().strip().replaceAll(";$", "").strip();
        Object object;
        try {
            object = control.variable(s instanceof VarSnippet ? control.lastClass() : variableClasses.get(name), name);
        } catch (ReflectiveOperationException | RuntimeException ex) {
            object = e.value(); // the string form is all JShell has for this one
        }
        if (object == null || object == System.out || object == System.err) {
            // printf and format return the stream they wrote to, for chaining: "java.io.PrintStream@66244bce" is no
            // value to show under what System.out.printf("%d%n", n) printed
            return new Evaluation(NO_VALUE, null);
        }
        return new Evaluation(object, e.value());
    }

    private void checkInterrupt() throws CellError {
        if (interruptRequested) {
            throw new CellError("Interrupted", "The cell was interrupted.",
                    List.of("\u001b[0;31mInterrupted\u001b[0m: the cell was stopped at your request."));
        }
    }

    /** Forgets an earlier interrupt, before the next cell is taken up. */
    void clearInterrupt() {
        interruptRequested = false;
    }

    /** Stops the running cell: JShell stops its snippet thread; hooks stop their own work. */
    void interrupt() {
        interruptRequested = true;
        for (Runnable r : onInterrupt) {
            try {
                r.run();
            } catch (RuntimeException e) {
                err.println("interrupt hook failed: " + e);
            }
        }
        jshell.stop();
        // a snippet blocked in sleep, wait or I/O is woken as well
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ThreadGroup g = t.getThreadGroup();
            if (g != null && g.getName().startsWith("JShell")) {
                t.interrupt();
            }
        }
    }

    // ---- completion, inspection, is_complete ----

    JsonObject complete(String code, int cursorCodePoints) {
        int cursor = charIndex(code, cursorCodePoints);
        Set<String> matches = new LinkedHashSet<>();
        int start = cursor;
        for (Completer c : completers) {
            Completer.Completion extra = c.complete(code, cursor);
            if (!extra.isEmpty()) {
                matches.addAll(extra.matches());
                start = extra.start();
                break;
            }
        }
        if (matches.isEmpty()) {
            giveImports(DeferredImports.identifiers(code.substring(0, cursor)));
            int snippetStart = snippetStart(code, cursor);
            int[] anchor = new int[1];
            String snippet = code.substring(snippetStart);
            List<SourceCodeAnalysis.Suggestion> suggestions =
                    jshell.sourceCodeAnalysis().completionSuggestions(snippet, cursor - snippetStart, anchor);
            if (suggestions.isEmpty() && snippetStart > 0) {
                suggestions = completeAfterTheCellsStatements(code.substring(0, snippetStart), snippet, cursor - snippetStart, anchor);
            }
            List<SourceCodeAnalysis.Suggestion> sorted = new ArrayList<>(suggestions);
            sorted.sort((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()));
            for (SourceCodeAnalysis.Suggestion s : sorted) {
                matches.add(s.continuation());
            }
            start = snippetStart + anchor[0];
            // a default import's names complete before their first use, as if imported
            int word = cursor;
            while (word > 0 && Character.isJavaIdentifierPart(code.charAt(word - 1))) {
                word--;
            }
            boolean bareName = word < cursor && Character.isJavaIdentifierStart(code.charAt(word)) && (word == 0 || code.charAt(word - 1) != '.');
            if (bareName && (matches.isEmpty() || start == word)) {
                matches.addAll(deferred.pendingNamesStartingWith(code.substring(word, cursor), JavaSession.class.getClassLoader()));
                start = word;
            }
        }
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        JsonArray m = new JsonArray();
        matches.forEach(m::add);
        c.add("matches", m);
        c.addProperty("cursor_start", code.codePointCount(0, Math.max(0, Math.min(start, cursor))));
        c.addProperty("cursor_end", code.codePointCount(0, cursor));
        c.add("metadata", new JsonObject());
        return c;
    }

    JsonObject inspect(String code, int cursorCodePoints) {
        return inspectReply(documentation(code, charIndex(code, cursorCodePoints)));
    }

    @Override
    public String documentation(String code, int cursor) {
        for (Completer c : completers) {
            String help = c.inspect(code, cursor);
            if (help != null) {
                return help;
            }
        }
        int snippetStart = snippetStart(code, cursor);
        String snippet = code.substring(snippetStart);
        int local = cursor - snippetStart;
        giveImports(DeferredImports.identifiers(snippet));
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(snippet, local, true);
        if (docs.isEmpty()) {
            // JShell documents a method only inside its call: pretend the call is opened after the name
            int end = local;
            while (end < snippet.length() && Character.isJavaIdentifierPart(snippet.charAt(end))) {
                end++;
            }
            String opened = snippet.substring(0, end) + "(";
            docs = analysis.documentation(opened, opened.length(), true);
            if (docs.isEmpty()) {
                docs = analysis.documentation(snippet.substring(0, end), end, true);
            }
        }
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            text.append(d.signature()).append('\n');
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                text.append('\n').append(d.javadoc().strip()).append("\n\n");
            }
        }
        return text.toString().strip();
    }

    /** An inspect_reply's content: the help text, or found: false when there is none. */
    private static JsonObject inspectReply(String text) {
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        c.addProperty("found", text != null);
        JsonObject data = new JsonObject();
        if (text != null) {
            data.addProperty("text/plain", text);
        }
        c.add("data", data);
        c.add("metadata", new JsonObject());
        return c;
    }

    JsonObject isComplete(String code) {
        CellHandler handler = handlerFor(code);
        String status = handler != null ? handler.isComplete(code, this, this::javaCompleteness) : javaCompleteness(code);
        JsonObject c = new JsonObject();
        c.addProperty("status", status);
        if ("incomplete".equals(status)) {
            c.addProperty("indent", indentAfter(code));
        }
        return c;
    }

    /** is_complete's answer for plain Java. */
    private String javaCompleteness(String code) {
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String rest = code;
        String status = "complete";
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness k = info.completeness();
            if (k == Completeness.DEFINITELY_INCOMPLETE || k == Completeness.CONSIDERED_INCOMPLETE) {
                status = "incomplete";
                break;
            }
            if (k == Completeness.UNKNOWN || (k.isComplete() && !syntax.parses(info.source()))) {
                status = "invalid";
                break;
            }
            if (info.source() == null) {
                break;
            }
            rest = info.remaining();
        }
        return status;
    }

    static String indentAfter(String code) {
        String[] lines = code.split("\n", -1);
        String last = lines[lines.length - 1];
        String lead = last.substring(0, last.length() - last.stripLeading().length());
        String t = last.strip();
        return t.endsWith("{") || t.endsWith("(") || t.endsWith("[") ? lead + "    " : lead;
    }

    /**
     * JShell completes a snippet against what the session has run, so {@code t.toUp} found nothing when
     * {@code String t = "a";} stood on an earlier line of the same cell, not yet run. The cell's earlier statements
     * and variables are put in a method body before the snippet (nothing is run), and JShell completes that.
     * Imports, methods and classes stay out: they cannot stand in a method.
     */
    private List<SourceCodeAnalysis.Suggestion> completeAfterTheCellsStatements(String before, String snippet, int cursor,
                                                                               int[] anchor) {
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        StringBuilder body = new StringBuilder("void $juxtaCompletes() {\n");
        String rest = before;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.source() == null || !info.completeness().isComplete()) {
                break;
            }
            String source = info.source().lines().filter(l -> !l.strip().startsWith("%") && !l.strip().startsWith("!"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            boolean statement = analysis.sourceToSnippets(source).stream().noneMatch(sn -> sn.kind() == Snippet.Kind.IMPORT
                    || sn.kind() == Snippet.Kind.METHOD || sn.kind() == Snippet.Kind.TYPE_DECL);
            if (statement) {
                body.append(source).append('\n');
            }
            rest = info.remaining();
        }
        String prefix = body.toString();
        int[] inBody = new int[1];
        List<SourceCodeAnalysis.Suggestion> found = analysis.completionSuggestions(prefix + snippet, prefix.length() + cursor, inBody);
        if (found.isEmpty() || inBody[0] < prefix.length()) {
            return List.of();
        }
        anchor[0] = inBody[0] - prefix.length();
        return found;
    }

    private int snippetStart(String code, int cursor) {
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        int start = 0;
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.source() == null || !info.completeness().isComplete()) {
                break;
            }
            int consumed = rest.length() - info.remaining().length();
            if (start + consumed >= cursor) {
                break;
            }
            start += consumed;
            rest = info.remaining();
        }
        return start;
    }

    private static int charIndex(String code, int codePoints) {
        int n = Math.max(0, Math.min(codePoints, code.codePointCount(0, code.length())));
        return code.offsetByCodePoints(0, n);
    }

    // ---- Session ----

    @Override
    public String display(Object value) {
        return display(renderers.render(value));
    }

    @Override
    public String display(MimeBundle bundle) {
        String id = UUID.randomUUID().toString();
        outbox.display(withinOutputLimit(bundle), id, false);
        return id;
    }

    @Override
    public void updateDisplay(String displayId, Object value) {
        outbox.display(withinOutputLimit(renderers.render(value)), displayId, true);
    }

    @Override
    public void clearOutput(boolean wait) {
        outbox.clearOutput(wait);
    }

    @Override
    public void page(String text) {
        outbox.page(text);
    }

    @Override
    public PrintStream out() {
        return out;
    }

    @Override
    public PrintStream err() {
        return err;
    }

    @Override
    public String readLine(String prompt, boolean password) {
        try {
            return input.readLine(prompt, password);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public JShell jshell() {
        return jshell;
    }

    @Override
    public void addToClasspath(String path) {
        jshell.addToClasspath(path);
        addedClasspath.add(path);
    }

    @Override
    public Renderers renderers() {
        return renderers;
    }

    RendererRegistry rendererRegistry() {
        return renderers;
    }

    @Override
    public int executionCount() {
        return executionCount;
    }

    @Override
    public boolean interruptRequested() {
        return interruptRequested;
    }

    @Override
    public RunTime runTime() {
        return new RunTime(control.runWallNanos(), control.runCpuNanos(), compileNanos);
    }

    /** Wall-clock time spent in JShell's eval outside the snippets' runs, most of it compiling them (for %time). */
    private long compileNanos;
}
