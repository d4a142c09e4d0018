package io.juxta.magics;

import io.juxta.magics.spec.ArgSpec;
import io.juxta.magics.spec.MagicSpec;
import java.util.List;
import java.util.Map;

/** The Markdown reference of every registered magic, as {@code docs/magics.md} holds it. */
public final class MagicReference {
    public static final String BEGIN = "<!-- BEGIN GENERATED REFERENCE: kept in step with the registry by MagicsDocsTest -->";
    public static final String END = "<!-- END GENERATED REFERENCE -->";

    private MagicReference() {
    }

    public static String markdown(MagicRegistry registry) {
        StringBuilder md = new StringBuilder();
        md.append("| Magic | Area | What it does |\n|---|---|---|\n");
        for (Magic magic : registry.all()) {
            MagicSpec spec = magic.spec();
            md.append("| `").append(MagicRegistry.forms(spec).replace(" ", "` `")).append("` | ").append(spec.area())
                    .append(" | ").append(escape(spec.summary())).append(" |\n");
        }
        for (Map.Entry<String, List<String>> area : registry.namesByArea().entrySet()) {
            md.append("\n## ").append(area.getKey()).append('\n');
            for (String name : area.getValue()) {
                MagicSpec spec = registry.find(name).orElseThrow().spec();
                md.append("\n### ").append(MagicRegistry.forms(spec)).append("\n\n```\n").append(spec.usage()).append("\n```\n\n")
                        .append(spec.summary()).append('\n');
                if (!spec.details().isBlank()) {
                    md.append('\n').append(spec.details().strip().replace("\n", "\n\n")).append('\n');
                }
                if (!spec.args().isEmpty()) {
                    md.append("\n| Argument | Meaning | Default |\n|---|---|---|\n");
                    for (ArgSpec arg : spec.args()) {
                        md.append("| `").append(arg.helpLabel().strip()).append("` | ").append(escape(arg.help())).append(" | ")
                                .append(arg.defaultValue() == null ? "" : "`" + arg.defaultValue() + "`").append(" |\n");
                    }
                }
            }
        }
        return md.toString();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
