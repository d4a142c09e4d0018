package io.juxta.kernel.cli;

import io.juxta.kernel.Version;
import java.util.Arrays;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The juxta command: {@code kernel}, {@code install}, {@code uninstall}, {@code --version}. */
public final class Main {
    private static final String USAGE = """
            usage: juxta COMMAND [OPTIONS]

              install     write the Jupyter kernelspec "juxta" (Java (Juxta))
                          --user (default) | --sys-prefix | --prefix DIR, --name NAME,
                          --display-name TEXT, --jvm-opt OPT (worker JVM, repeatable),
                          --env KEY=VALUE (repeatable), --cell-timeout SECONDS (stop cells
                          running longer; 0 = no limit, the default; env JUXTA_CELL_TIMEOUT)
              uninstall   remove it again (--user | --sys-prefix | --prefix DIR, --name NAME)
              kernel      run the kernel (Jupyter does this): --connection-file FILE,
                          --cell-timeout SECONDS
              --version   print the version
            """;

    public static void main(String[] args) {
        configureLogging();
        System.exit(run(args));
    }

    static int run(String[] argv) {
        if (argv.length == 0 || List.of("-h", "--help", "help").contains(argv[0])) {
            System.out.print(USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            System.out.print(USAGE); // `juxta install --help` as ipykernel answers it
            return 0;
        }
        Args args = new Args(rest);
        try {
            return switch (argv[0]) {
                case "kernel" -> KernelCommand.run(withConnectionShortcut(args, argv));
                case "install" -> InstallCommand.install(args);
                case "uninstall" -> InstallCommand.uninstall(args);
                case "--version", "version" -> {
                    System.out.println("juxta " + Version.JUXTA + " (Java " + Runtime.version() + ")");
                    yield 0;
                }
                default -> {
                    System.err.println("juxta: unknown command '" + argv[0] + "'\n" + USAGE);
                    yield 2;
                }
            };
        } catch (Args.UsageException e) {
            System.err.println("juxta " + argv[0] + ": " + e.getMessage() + "\n" + USAGE);
            return 2;
        } catch (Exception e) {
            System.err.println("juxta " + argv[0] + ": " + e.getMessage());
            Logger.getLogger(Main.class.getName()).log(Level.FINE, "failure", e);
            return 1;
        }
    }

    /** Accepts {@code -f FILE} as ipykernel does. */
    private static Args withConnectionShortcut(Args args, String[] argv) {
        List<String> words = new java.util.ArrayList<>(Arrays.asList(argv).subList(1, argv.length));
        int f = words.indexOf("-f");
        if (f >= 0) {
            words.set(f, "--connection-file");
        }
        return new Args(words);
    }

    /** JUXTA_LOG's level, by name in any case (debug and warn as other loggers call them) or number. */
    static Level logLevel(String name) {
        String upper = name.strip().toUpperCase(java.util.Locale.ROOT);
        String level = switch (upper) {
            case "DEBUG" -> "FINE";
            case "TRACE" -> "FINEST";
            case "WARN", "WARNING" -> "WARNING";
            case "ERROR" -> "SEVERE";
            default -> upper;
        };
        try {
            return Level.parse(level);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("JUXTA_LOG takes a level: SEVERE, WARNING, INFO, FINE, FINER, FINEST, ALL or OFF"
                    + " (DEBUG, WARN and ERROR are understood too), got '" + name + "'");
        }
    }

    private static void configureLogging() {
        Logger root = Logger.getLogger("");
        Level level;
        try {
            level = logLevel(System.getenv().getOrDefault("JUXTA_LOG", "INFO"));
        } catch (Args.UsageException e) {
            System.err.println("juxta: " + e.getMessage() + "; logging at INFO");
            level = Level.INFO;
        }
        root.setLevel(level);
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler(); // stderr: Jupyter shows it in the server log
        console.setLevel(level);
        root.addHandler(console);
    }

    private Main() {
    }
}
