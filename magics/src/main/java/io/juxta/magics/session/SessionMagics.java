package io.juxta.magics.session;

import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Session;
import io.juxta.magics.Invocation;
import io.juxta.magics.Magic;
import io.juxta.magics.MagicRegistry;
import io.juxta.magics.shell.ShellEnvironment;
import io.juxta.magics.spec.ArgType;
import io.juxta.magics.spec.Area;
import io.juxta.magics.spec.MagicSpec;
import io.juxta.magics.spec.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/** The session area: what is defined ({@code %who}, {@code %whos}, {@code %imports}), {@code %reset}, {@code %env}, and the magics about magics. */
public final class SessionMagics {
    private static final int PREVIEW_WIDTH = 60;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final MagicRegistry registry;
    private final ShellEnvironment environment;
    private final StartupSnippets startup;

    public SessionMagics(MagicRegistry registry, ShellEnvironment environment, StartupSnippets startup) {
        this.registry = registry;
        this.environment = environment;
        this.startup = startup;
    }

    public List<Magic> magics() {
        return List.of(
                Magic.of(MagicSpec.builder("who").area(Area.SESSION)
                        .summary("List the names of the session's variables.")
                        .details("With TYPE, only variables whose declared type is TYPE (for example `%who int`).")
                        .positional("type", ArgType.STRING, false, "show only variables of this type")
                        .build(), this::who),
                Magic.of(MagicSpec.builder("whos").area(Area.SESSION)
                        .summary("Table of the session's variables: name, type and a preview of the value.")
                        .positional("type", ArgType.STRING, false, "show only variables of this type")
                        .build(), this::whos),
                Magic.of(MagicSpec.builder("reset").area(Area.SESSION)
                        .summary("Forget every variable, method and class defined in the session; imports and startup code stay.")
                        .details("Without -f it asks for confirmation. The JVM stays: loaded classes, static state of "
                                + "libraries and native memory are not freed; restart the kernel for a clean JVM.")
                        .flag('f', "force", "do not ask for confirmation")
                        .build(), this::reset),
                Magic.of(MagicSpec.builder("env").area(Area.SESSION)
                        .summary("Show or set environment variables for shell commands (! and %%bash).")
                        .details("`%env` lists all, `%env NAME` shows one, `%env NAME=VALUE` or `%env NAME VALUE` sets one.\n"
                                + "A running JVM cannot change its own environment: System.getenv() in Java code keeps the "
                                + "value the worker started with; processes started by ! and %%bash see the new one.")
                        .positionals("assignment", ArgType.STRING, false, "NAME, NAME=VALUE or NAME VALUE")
                        .build(), this::env),
                Magic.of(MagicSpec.builder("imports").area(Area.SESSION)
                        .summary("List the session's imports.")
                        .build(), this::imports),
                Magic.of(MagicSpec.builder("lsmagic").area(Area.SESSION)
                        .summary("List every magic, grouped by area.")
                        .build(), call -> {
                            call.session().out().println(registry.listing());
                            return Session.NO_VALUE;
                        }),
                Magic.of(MagicSpec.builder("help").area(Area.SESSION)
                        .summary("Show a magic's help (same as %NAME?); without NAME, list the magics.")
                        .positional("name", ArgType.STRING, false, "the magic, with or without % or %%")
                        .build(), this::help));
    }

    private Object help(Invocation call) {
        String name = call.args().positional("name");
        if (name == null) {
            call.session().out().println(registry.listing());
            return Session.NO_VALUE;
        }
        boolean cellForm = name.startsWith("%%");
        String bare = name.replaceFirst("^%{1,2}", "").replaceFirst("\\?$", "");
        Magic magic = registry.find(bare).orElse(null);
        if (magic == null) {
            registry.resolve(bare, cellForm); // throws the not-found usage error with suggestions
        }
        call.session().page(magic.spec().help());
        return Session.NO_VALUE;
    }

    private static List<VarSnippet> variables(Invocation call) {
        JShell jshell = call.session().jshell();
        String type = call.args().positional("type");
        return jshell.variables()
                .filter(v -> jshell.status(v).isActive())
                .filter(v -> !v.name().startsWith("$"))
                .filter(v -> type == null || v.typeName().equals(type) || simpleName(v.typeName()).equals(type))
                .toList();
    }

    private Object who(Invocation call) {
        List<VarSnippet> variables = variables(call);
        if (variables.isEmpty()) {
            call.session().out().println(call.args().has("type") ? "No variables of that type." : "Interactive namespace is empty.");
        } else {
            call.session().out().println(String.join("\t", variables.stream().map(VarSnippet::name).sorted().toList()));
        }
        return Session.NO_VALUE;
    }

    private Object whos(Invocation call) {
        JShell jshell = call.session().jshell();
        List<VarSnippet> variables = new ArrayList<>(variables(call));
        if (variables.isEmpty()) {
            call.session().out().println(call.args().has("type") ? "No variables of that type." : "Interactive namespace is empty.");
            return Session.NO_VALUE;
        }
        variables.sort((a, b) -> a.name().compareTo(b.name()));
        List<String[]> rows = new ArrayList<>();
        for (VarSnippet variable : variables) {
            rows.add(new String[] {variable.name(), variable.typeName(), preview(valueOf(jshell, variable))});
        }
        call.session().display(new MimeBundle()
                .put("text/plain", textTable(rows))
                .put("text/html", htmlTable(rows)));
        return Session.NO_VALUE;
    }

    private static String valueOf(JShell jshell, VarSnippet variable) {
        String unusable = unusable(jshell, variable);
        if (unusable != null) {
            return "<" + unusable + ">";
        }
        try {
            return jshell.varValue(variable);
        } catch (RuntimeException e) {
            return "<unavailable: " + e.getClass().getSimpleName() + ">";
        }
    }

    /**
     * Why a variable the session still lists cannot be used (a cell naming it gets "cannot find symbol"), or null when
     * it can: its type or a method its initializer calls was redefined, or it names a class not defined yet. JShell's
     * varValue only throws its own internal message for such a variable.
     */
    public static String unusable(JShell jshell, VarSnippet variable) {
        if (jshell.status(variable) == Snippet.Status.VALID) {
            return null;
        }
        List<String> missing = jshell.unresolvedDependencies(variable).toList();
        if (!missing.isEmpty()) {
            return "cannot be used until " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " defined";
        }
        return "cannot be used: run its declaration again";
    }

    static String preview(String value) {
        String oneLine = value.replace("\r", "").replace('\n', ' ');
        return oneLine.length() <= PREVIEW_WIDTH ? oneLine : oneLine.substring(0, PREVIEW_WIDTH - 1) + "…";
    }

    private static String textTable(List<String[]> rows) {
        int nameWidth = Math.max(8, rows.stream().mapToInt(r -> r[0].length()).max().orElse(0)) + 3;
        int typeWidth = Math.max(4, rows.stream().mapToInt(r -> r[1].length()).max().orElse(0)) + 3;
        StringBuilder text = new StringBuilder();
        String header = String.format("%-" + nameWidth + "s%-" + typeWidth + "s%s", "Variable", "Type", "Data/Info");
        text.append(header).append('\n').append("-".repeat(header.length() + 10)).append('\n');
        for (String[] row : rows) {
            text.append(String.format("%-" + nameWidth + "s%-" + typeWidth + "s%s", row[0], row[1], row[2])).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static String htmlTable(List<String[]> rows) {
        StringBuilder html = new StringBuilder("<table><thead><tr><th>Variable</th><th>Type</th><th>Data/Info</th></tr></thead><tbody>");
        for (String[] row : rows) {
            html.append("<tr>");
            for (String cell : row) {
                html.append("<td><code>").append(escapeHtml(cell)).append("</code></td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    public static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String simpleName(String typeName) {
        String raw = typeName.replaceAll("<.*", "");
        return raw.substring(raw.lastIndexOf('.') + 1);
    }

    private Object reset(Invocation call) {
        Session session = call.session();
        if (!call.args().flag("force")) {
            String answer;
            try {
                answer = session.readLine("Once deleted, variables cannot be recovered. Proceed (y/[n])? ", false);
            } catch (UnsupportedOperationException noInput) { // nbconvert, nbclient: the front end takes no input
                throw new UsageException("%reset asks for confirmation, which this front end cannot give "
                        + "(it accepts no input); use %reset -f");
            }
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                session.out().println("Nothing done.");
                return Session.NO_VALUE;
            }
        }
        JShell jshell = session.jshell();
        List<Snippet> doomed = jshell.snippets()
                .filter(s -> jshell.status(s).isActive())
                .filter(s -> s.kind() == Snippet.Kind.VAR || s.kind() == Snippet.Kind.METHOD || s.kind() == Snippet.Kind.TYPE_DECL)
                .filter(s -> !startup.contains(s))
                .toList();
        doomed.forEach(jshell::drop);
        session.out().println("Dropped " + doomed.size() + " definition" + (doomed.size() == 1 ? "" : "s") + ".");
        return Session.NO_VALUE;
    }

    private Object env(Invocation call) {
        List<String> words = call.args().positionals("assignment");
        java.io.PrintStream out = call.session().out();
        if (words.isEmpty()) {
            Map<String, String> all = environment.all();
            all.forEach((k, v) -> out.println(k + "=" + v));
            return Session.NO_VALUE;
        }
        String first = words.get(0);
        String name;
        String value;
        if (words.size() == 1 && !first.contains("=")) {
            String current = environment.get(first);
            if (current == null) {
                throw new UsageException("environment variable " + first + " is not set");
            }
            return current;
        } else if (words.size() == 1) {
            name = first.substring(0, first.indexOf('='));
            value = first.substring(first.indexOf('=') + 1);
        } else if (words.size() == 2 && !first.contains("=")) {
            name = first;
            value = words.get(1);
        } else {
            throw new UsageException("give NAME, NAME=VALUE or NAME VALUE (quote a value with spaces)");
        }
        if (!ENV_NAME.matcher(name).matches()) {
            throw new UsageException("'" + name + "' is not a valid environment variable name");
        }
        environment.set(name, value);
        out.println("env: " + name + "=" + value);
        return Session.NO_VALUE;
    }

    private Object imports(Invocation call) {
        List<String> imports = call.session().imports();
        if (imports.isEmpty()) {
            call.session().out().println("No imports.");
        } else {
            imports.forEach(call.session().out()::println);
        }
        return Session.NO_VALUE;
    }
}
