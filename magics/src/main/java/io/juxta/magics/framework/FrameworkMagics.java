package io.juxta.magics.framework;

import io.juxta.frameworks.Backend;
import io.juxta.frameworks.Backends;
import io.juxta.frameworks.Device;
import io.juxta.frameworks.UnsupportedFeatureException;
import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.Session;
import io.juxta.magics.Invocation;
import io.juxta.magics.Magic;
import io.juxta.magics.spec.ArgType;
import io.juxta.magics.spec.Area;
import io.juxta.magics.spec.MagicKind;
import io.juxta.magics.spec.MagicSpec;
import io.juxta.magics.spec.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The framework area: {@code %torch} and {@code %tf} choose the session's backend (the cell forms run one cell on
 * it), {@code %device} chooses CPU or GPU for both, and {@code %%compare} runs a cell on each backend and reports
 * ({@link CompareMagic}).
 */
public final class FrameworkMagics {
    private final GpuProbe gpus;

    public FrameworkMagics() {
        this(new GpuProbe());
    }

    FrameworkMagics(GpuProbe gpus) {
        this.gpus = gpus;
    }

    /** Single-type imports of the portable API (Tensor, Sequential, Fit, ...) for every session. */
    public static String portableImports() {
        return FrameworkImports.portable();
    }

    public List<Magic> magics() {
        return List.of(
                backendMagic("torch", "PyTorch", "org.bytedeco.pytorch.* and org.bytedeco.pytorch.global.torch"),
                backendMagic("tf", "TensorFlow", "org.tensorflow.*, org.tensorflow.op.* and org.tensorflow.types.*"),
                Magic.of(MagicSpec.builder("device").area(Area.FRAMEWORK)
                        .summary("Run both frameworks on the CPU or a GPU; without NAME, show the devices found.")
                        .details("gpu (or gpu:N) needs an NVIDIA GPU with its driver and the frameworks' GPU natives; when any "
                                + "is missing, %device says which and stays on the CPU. auto picks the GPU when both frameworks "
                                + "can use it, else the CPU. Devices are found with nvidia-smi (name and memory of each CUDA "
                                + "device). The choice applies to both frameworks, which are loaded if they were not yet.")
                        .positional("name", ArgType.STRING, false, "cpu, gpu, gpu:N or auto")
                        .build(), this::device),
                new CompareMagic().magic());
    }

    private Magic backendMagic(String name, String framework, String nativeApi) {
        return Magic.of(MagicSpec.builder(name).kind(MagicKind.LINE_AND_CELL).area(Area.FRAMEWORK)
                .summary("Run cells on " + framework + ": %" + name + " for the session, %%" + name + " for one cell.")
                .details("Portable cells (the io.juxta.frameworks API: Tensor, Sequential, fit, ...) run unchanged on either "
                        + "framework. %" + name + " also imports " + framework + "'s own Java API (" + nativeApi + ") for cells "
                        + "that want it; such cells are not portable. Where a name exists in both, the portable class wins "
                        + "(Tensor); write the native one with its package.\n"
                        + "%%" + name + " runs one cell on " + framework + " and then returns to the session's backend "
                        + "(when none was chosen before, " + framework + " stays chosen).")
                .flag('q', "quiet", "do not print what is active")
                .build(), call -> call.cellForm() ? runCellOn(name, call) : use(name, call));
    }

    /** {@code %torch}: selects the backend, loads it, imports its own API and says what is active. */
    private Object use(String name, Invocation call) throws CellError {
        Backend backend = select(name);
        importNativeApi(name, call.session());
        if (!call.args().flag("quiet")) {
            call.session().out().println(describe(backend));
            call.session().out().flush();
        }
        return Session.NO_VALUE;
    }

    private Object runCellOn(String name, Invocation call) throws CellError {
        String previous = Backends.currentName();
        Backend backend = select(name);
        importNativeApi(name, call.session());
        if (!call.args().flag("quiet") && call.body().isBlank()) {
            call.session().out().println(describe(backend));
        }
        try {
            return call.runCell(call.body());
        } finally {
            if (!previous.equals("none")) {
                Backends.use(previous);
            }
        }
    }

    /** Selects and loads a backend, or says clearly why it cannot. */
    static Backend select(String name) throws CellError {
        try {
            Backends.use(name);
        } catch (IllegalArgumentException e) {
            throw CellError.of("BackendError", e.getMessage());
        }
        try {
            return Backends.current();
        } catch (RuntimeException | LinkageError e) {
            throw CellError.of("BackendError", "the " + name + " backend could not be loaded: " + e
                    + ". Restart the kernel; if it persists, check the natives with `%maven` or the install log.");
        }
    }

    /** {@code PyTorch is active: libtorch 2.10.0 (…, 2 threads) on cpu}. */
    static String describe(Backend backend) {
        String framework = backend.name().equals("torch") ? "PyTorch" : backend.name().equals("tf") ? "TensorFlow" : backend.name();
        String version = backend.version();
        String threads = version.contains("thread") ? "" : ", " + Runtime.getRuntime().availableProcessors() + " CPU cores";
        return framework + " is active: " + version + threads + ", device " + backend.device() + ".";
    }

    /** Imports the backend's own API, keeping names the session's JDK wildcards gave unambiguous. */
    static void importNativeApi(String backend, Session session) throws CellError {
        List<String> wildcards = new ArrayList<>();
        Set<String> singles = new TreeSet<>();
        sessionImports(session, wildcards, singles);
        List<String> imports = FrameworkImports.nativeImports(backend, wildcards, singles);
        if (!imports.isEmpty()) {
            session.eval(String.join("\n", imports));
        }
    }

    /**
     * Before the first cell: the single-type imports both frameworks' wildcards will need, so that {@code %torch} and
     * {@code %tf} only add wildcards and never re-declare (and so reset) a variable of the user's.
     */
    public static void importClashingNamesAhead(Session session) throws CellError {
        List<String> wildcards = new ArrayList<>();
        Set<String> singles = new TreeSet<>();
        sessionImports(session, wildcards, singles);
        List<String> imports = FrameworkImports.clashingNamesAhead(wildcards, singles);
        if (!imports.isEmpty()) {
            session.eval(String.join("\n", imports));
        }
    }

    /** The session's wildcard packages, and the simple names that already mean something: imported or the user's own types. */
    private static void sessionImports(Session session, List<String> wildcards, Set<String> singles) {
        // a single-type import of a name the user's class has would be refused (the kernel's TypeNameClashes)
        session.jshell().types().forEach(t -> singles.add(t.name()));
        for (String line : session.imports()) {
            if (line.matches("import\\s+static\\s.*")) {
                continue;
            }
            String imported = line.replaceFirst("^import\\s+", "").replaceFirst(";\\s*$", "").replaceAll("\\s", "");
            if (imported.endsWith(".*")) {
                wildcards.add(imported.substring(0, imported.length() - 2));
            } else {
                singles.add(imported.substring(imported.lastIndexOf('.') + 1));
            }
        }
    }

    // ---- %device ----

    private Object device(Invocation call) throws CellError {
        String wanted = call.args().positional("name");
        GpuProbe.Finding found = gpus.probe();
        List<String> lines = new ArrayList<>();
        lines.add(found.found() ? "GPUs: " + String.join("; ", found.gpus().stream().map(Object::toString).toList()) : found.reason() + ".");
        Device target = null;
        boolean auto = false;
        if (wanted != null) {
            String w = wanted.trim().toLowerCase(Locale.ROOT);
            auto = w.equals("auto");
            if (!auto) {
                try {
                    target = Device.parse(w);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("unknown device '" + wanted + "': use cpu, gpu, gpu:N or auto");
                }
            }
        }
        List<String> names = Backends.available();
        if (names.isEmpty()) {
            throw CellError.of("BackendError", "no framework backend is on the class path");
        }
        for (String name : names) {
            Backend backend;
            try {
                backend = Backends.backend(name);
            } catch (RuntimeException | LinkageError e) {
                lines.add(name + ": could not be loaded (" + e.getMessage() + ")");
                continue;
            }
            if (wanted == null) {
                lines.add(name + ": " + backend.device());
                continue;
            }
            Device choice = auto ? (found.found() && backend.isAvailable(Device.gpu(0)) ? Device.gpu(0) : Device.CPU) : target;
            try {
                backend.useDevice(choice);
                lines.add(name + ": " + choice + (auto && choice.kind() == Device.Kind.CPU && found.found()
                        ? " (its natives cannot use the GPU)" : ""));
            } catch (UnsupportedFeatureException | IllegalArgumentException e) {
                backend.useDevice(Device.CPU);
                lines.add(name + ": cpu — " + e.getMessage());
            }
        }
        call.session().out().println(String.join("\n", lines));
        call.session().out().flush();
        return Session.NO_VALUE;
    }
}
