package io.juxta.kernel.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * System.in for cells: each line is asked of the front end with an input_request. The prompt is
 * the unfinished line the cell printed just before reading, as a console would show it.
 */
final class FrontEndInput extends InputStream {
    /** Sends an input request; answers arrive through {@link #answer}. */
    interface Requester {
        void request(String prompt, boolean password) throws IOException;
    }

    private final Requester requester;
    private final Supplier<String> promptSource;
    /**
     * Answers not yet taken: an answer that arrives before the cell thread waits for it must be kept, not dropped.
     * Guarded by its own monitor, not a java.util.concurrent queue: an interrupt stops the waiting cell thread with
     * Thread.stop (Java 17's JShell), and a thread stopped inside a LinkedBlockingQueue's take leaves its waiter in
     * the queue's condition, which then swallows the signal meant for the next cell's take: that cell waited forever
     * with the answer in the queue. A monitor's wait is left cleanly by an asynchronous exception, and notifyAll
     * wakes every waiter.
     */
    private final ArrayDeque<String> answers = new ArrayDeque<>();
    private volatile boolean allowed = true;
    private byte[] line = new byte[0];
    private int position;

    FrontEndInput(Requester requester, Supplier<String> promptSource) {
        this.requester = requester;
        this.promptSource = promptSource;
    }

    void allow(boolean allowed) {
        this.allowed = allowed;
    }

    /** Called with the front end's answer. */
    void answer(String value) {
        synchronized (answers) {
            answers.addLast(value);
            answers.notifyAll();
        }
    }

    /** Asks the front end directly, for code that wants a prompt of its own. */
    String readLine(String prompt, boolean password) throws IOException {
        if (!allowed) {
            // unchecked on purpose: Scanner and BufferedReader would swallow an IOException as end of input
            throw new UnsupportedOperationException("This front end does not accept input (allow_stdin is false); "
                    + "pass the value in the cell instead.");
        }
        synchronized (answers) {
            answers.clear(); // an answer to a request that an interrupt abandoned is not this one's
        }
        requester.request(prompt, password);
        try {
            synchronized (answers) {
                while (answers.isEmpty()) {
                    answers.wait();
                }
                return answers.removeFirst();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for input");
        }
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return line[position++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, line.length - position);
        System.arraycopy(line, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return line.length - position;
    }

    private boolean fill() throws IOException {
        if (position < line.length) {
            return true;
        }
        String value = readLine(promptSource.get(), false);
        line = (value + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}
