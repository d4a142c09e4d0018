package io.juxta.magics.shell;

import io.juxta.kernel.api.CellError;
import io.juxta.kernel.api.Session;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs shell commands for {@code !} lines and {@code %%bash}, streaming their output to the cell
 * line by line as it comes. An interrupt destroys the process tree.
 */
public final class ShellRunner {
    private static final File SETSID = new File("/usr/bin/setsid");

    private final ShellEnvironment environment;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    public ShellRunner(ShellEnvironment environment) {
        this.environment = environment;
    }

    public ShellEnvironment environment() {
        return environment;
    }

    /**
     * Runs {@code script} with bash (sh when there is no bash) and returns its exit code.
     *
     * @param failOnError whether a non-zero exit is an error of the cell
     */
    public int run(String script, Session session, boolean failOnError) throws CellError {
        List<String> command = new java.util.ArrayList<>();
        if (SETSID.canExecute()) {
            // a process group of its own, so an interrupt can end the script and everything it started
            command.add(SETSID.getPath());
        }
        command.addAll(List.of(shell(), "-c", script));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment.all());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw CellError.of("ShellError", "could not start " + shell() + ": " + e.getMessage());
        }
        running.add(process);
        try {
            Thread errors = new Thread(() -> pump(process.getErrorStream(), session.err()), "juxta-shell-stderr");
            errors.setDaemon(true);
            errors.start();
            pump(process.getInputStream(), session.out());
            int exit = process.waitFor();
            errors.join();
            if (session.interruptRequested()) {
                throw CellError.of("Interrupted", "the shell command was stopped");
            }
            if (exit != 0 && failOnError) {
                throw CellError.of("ShellError", "the script exited with code " + exit);
            }
            return exit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CellError.of("Interrupted", "the shell command was stopped");
        } finally {
            if (process.isAlive()) {
                destroy(process);
            }
            running.remove(process);
        }
    }

    /** How many commands are running now. */
    public int runningCount() {
        return running.size();
    }

    /** Stops every running command; called on interrupt, from another thread. */
    public void stopAll() {
        List.copyOf(running).forEach(ShellRunner::destroy);
    }

    private static void destroy(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        if (SETSID.canExecute()) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).start().waitFor();
            } catch (IOException e) {
                // no kill command: fall through to killing what we can see
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // the shell first, so it cannot report a clean exit when its children die
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static void pump(InputStream stream, PrintStream target) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                target.println(line);
                target.flush();
            }
        } catch (IOException e) {
            // the process was destroyed while we read: its output simply ends
        }
    }

    private static String shell() {
        return new File("/bin/bash").canExecute() ? "/bin/bash" : "/bin/sh";
    }
}
