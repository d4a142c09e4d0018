package io.juxta.magics.framework;

import io.juxta.frameworks.HostArray;
import io.juxta.frameworks.Variable;
import io.juxta.frameworks.nn.Layer;
import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.Session;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * The weights of the models a {@code %%compare} cell uses from earlier cells, saved before the first run and put
 * back before every run: otherwise the second backend would train on from where the first one stopped.
 * Models the cell builds itself start from the seeded generator anyway.
 */
final class ModelSnapshot {
    private final Map<Variable, HostArray> saved;

    private ModelSnapshot(Map<Variable, HostArray> saved) {
        this.saved = saved;
    }

    /** Saves the weights of every model held by a session variable that the code mentions by name. */
    static ModelSnapshot of(Session session, String code) {
        List<String> names = session.jshell().variables()
                .filter(v -> session.jshell().status(v) == Snippet.Status.VALID && !v.name().startsWith("$"))
                .map(VarSnippet::name)
                .filter(name -> Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(code).find())
                .distinct().toList();
        Map<Variable, HostArray> saved = new IdentityHashMap<>();
        if (names.isEmpty()) {
            return new ModelSnapshot(saved);
        }
        try {
            Object values = session.eval("java.util.Arrays.<Object>asList(" + String.join(", ", names) + ")");
            if (values instanceof List<?> list) {
                for (Object value : list) {
                    if (value instanceof Layer model) {
                        model.namedVariables().values().forEach(v -> saved.put(v, v.toHost()));
                    }
                }
            }
        } catch (CellError | RuntimeException e) {
            // a variable that cannot be read now is not a model the cell can use either
        }
        return new ModelSnapshot(saved);
    }

    /** Puts the saved weights back. */
    void restore() {
        saved.forEach(Variable::load);
    }

    int variableCount() {
        return saved.size();
    }
}
