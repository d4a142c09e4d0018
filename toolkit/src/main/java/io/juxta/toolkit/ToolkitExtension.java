package io.juxta.toolkit;

import io.juxta.frameworks.Tensor;
import io.juxta.frameworks.train.TrainingListeners;
import io.juxta.kernel.api.Extension;
import io.juxta.kernel.api.ExtensionContext;
import io.juxta.kernel.api.MimeBundle;
import io.juxta.kernel.api.Renderers;
import io.juxta.toolkit.render.ChartRenderer;
import io.juxta.toolkit.render.ImageRenderer;
import io.juxta.toolkit.compare.ComparisonReport;
import io.juxta.toolkit.progress.FitProgress;
import io.juxta.toolkit.progress.Progress;
import io.juxta.toolkit.render.TableRenderer;
import io.juxta.toolkit.render.TensorRenderer;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Plugs the toolkit into a session: renderers for XChart charts, images, Tablesaw tables and
 * tensors, the live progress bar of {@code fit}, and imports of the classes a cell calls (plots, timing, progress, datasets).
 */
public final class ToolkitExtension implements Extension {
    /** Single-type imports: a wildcard import of the timing package would make java.util's Timer ambiguous. */
    static final String IMPORTS = String.join("\n",
            "import io.juxta.toolkit.plot.Plots;",
            "import io.juxta.toolkit.timing.Bench;",
            "import io.juxta.toolkit.timing.TimingResult;",
            "import io.juxta.toolkit.progress.Progress;",
            "import io.juxta.toolkit.data.FashionMnist;",
            "import io.juxta.toolkit.data.Datasets;",
            "import io.juxta.toolkit.table.Tables;",
            "import io.juxta.toolkit.progress.FitProgress;",
            "import io.juxta.toolkit.compare.ComparisonReport;");

    @Override
    public String name() {
        return "toolkit";
    }

    @Override
    public void register(ExtensionContext context) {
        // Charts are drawn off-screen; without this a machine with DISPLAY set would open a window system connection
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // Tablesaw logs through SLF4J; without a provider SLF4J prints three warning lines into the user's first table cell
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        registerRenderers(context.renderers());
        context.startupCode(IMPORTS);
        ToolkitSession.set(context.session());
        // every verbose fit in the notebook draws a live bar instead of printing epoch lines
        TrainingListeners.setDefault(FitProgress::create);
        // a bar an interrupted loop left open says it stopped, instead of how long is left
        context.beforeCell((session, cell) -> Progress.cellStarted());
        context.afterCell((session, cell) -> {
            if (session.interruptRequested()) {
                Progress.stopBarsOfTheCell();
            }
        });
    }

    /** The toolkit's renderers, for a registry outside a session (tests, other front ends). */
    @SuppressWarnings({"rawtypes", "unchecked"}) // XChart's Chart is generic in its styler and series
    public static void registerRenderers(Renderers renderers) {
        renderers.register((Class) Chart.class, new ChartRenderer());
        ImageRenderer images = new ImageRenderer();
        renderers.register(RenderedImage.class, images);
        renderers.register(BufferedImage.class, images);
        renderers.register(Table.class, new TableRenderer());
        renderers.register(Tensor.class, new TensorRenderer());
        renderers.register(ComparisonReport.class, report -> new MimeBundle().put("text/html", report.html()).put("text/plain", report.text()));
        renderers.register(MimeBundle.class, bundle -> bundle);
    }
}
