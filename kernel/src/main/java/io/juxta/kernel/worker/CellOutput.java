package io.juxta.kernel.worker;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * What user code prints to System.out or System.err. Bytes are collected and sent as few, large
 * stream messages: by a background flusher after a short coalescing window, and in full when the
 * cell ends. Nothing is dropped. The complete lines of a write after a quiet spell are sent at once
 * by the writing thread, so that a line printed just before the worker dies (a crash in native code,
 * a kill) has already left it.
 */
final class CellOutput extends OutputStream {
    /** Output waits at most this long before it is sent, so progress still shows while a cell runs. */
    static final long COALESCE_MILLIS = 15;
    /** An unfinished last line is held back briefly, so that a following newline joins it. */
    static final long UNFINISHED_LINE_HOLD_MILLIS = 60;
    /** A line that ends like a prompt ("Name: ") is held longer: an input request may take it. */
    static final long PROMPT_HOLD_MILLIS = 1000;
    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    private final String name;
    private final BiConsumer<String, String> sink;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private long firstPendingAt;
    private long lastWriteAt;
    private long lastSentAt = System.nanoTime() - 2 * COALESCE_MILLIS * 1_000_000;

    CellOutput(String name, BiConsumer<String, String> sink) {
        this.name = name;
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        boolean quiet = mark();
        buffer.write(b);
        if (quiet && b == '\n') {
            send(buffer.size());
        }
        notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        boolean quiet = mark();
        buffer.write(b, off, len);
        if (quiet) {
            int newline = lastIndexOf(b, off, off + len, (byte) '\n');
            if (newline >= 0) {
                send(newline - off + 1);
            }
        }
        notifyAll();
    }

    /** Notes a write; true when nothing was pending and nothing was sent within the coalescing window. */
    private boolean mark() {
        long now = System.nanoTime();
        lastWriteAt = now;
        if (buffer.size() != 0) {
            return false;
        }
        firstPendingAt = now;
        return now - lastSentAt > COALESCE_MILLIS * 1_000_000;
    }

    /** Sends everything buffered, in messages of at most 1 MiB of complete UTF-8. */
    synchronized void drain() {
        send(buffer.size());
    }

    /** Removes and returns the unfinished last line, if any: the prompt for an input request. */
    synchronized String takeUnfinishedLine() {
        byte[] all = buffer.toByteArray();
        int lastNewline = -1;
        for (int i = all.length - 1; i >= 0; i--) {
            if (all[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        String tail = new String(all, lastNewline + 1, all.length - lastNewline - 1, StandardCharsets.UTF_8);
        buffer.reset();
        buffer.write(all, 0, lastNewline + 1);
        send(buffer.size());
        return tail;
    }

    /** Called by the flusher: waits for output, then sends what is due. Returns false when interrupted. */
    synchronized boolean awaitAndFlush() {
        try {
            while (buffer.size() == 0) {
                wait();
            }
            long due = firstPendingAt + COALESCE_MILLIS * 1_000_000;
            long now = System.nanoTime();
            while (now < due && buffer.size() < MAX_MESSAGE_BYTES) {
                wait(Math.max(1, (due - now) / 1_000_000));
                now = System.nanoTime();
            }
            byte[] all = buffer.toByteArray();
            int end = all.length;
            if (end == 0) {
                return true; // a cell's end drained it meanwhile
            }
            long hold = 0;
            if (all[end - 1] != '\n') {
                int nl = lastIndexOf(all, 0, end, (byte) '\n');
                hold = looksLikePrompt(all, nl + 1) ? PROMPT_HOLD_MILLIS : UNFINISHED_LINE_HOLD_MILLIS;
                if (now - lastWriteAt < hold * 1_000_000) {
                    end = nl + 1;
                }
            }
            if (end == 0) {
                wait(hold);
                return true;
            }
            send(end);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    static boolean looksLikePrompt(byte[] all, int from) {
        int end = all.length;
        while (end > from && all[end - 1] == ' ') {
            end--;
        }
        if (end == from || all.length - from > 200) {
            return false;
        }
        byte last = all[end - 1];
        return last == ':' || last == '?' || last == '>' || last == '$' || last == '=';
    }

    private static int lastIndexOf(byte[] a, int from, int to, byte b) {
        for (int i = to - 1; i >= from; i--) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Sends the first {@code count} bytes (cut back to whole UTF-8 characters) and keeps the rest. */
    private void send(int count) {
        if (count == 0) {
            return;
        }
        byte[] all = buffer.toByteArray();
        int sent = 0;
        while (sent < count) {
            int end = Math.min(count, sent + MAX_MESSAGE_BYTES);
            end = utf8Boundary(all, sent, end);
            if (end <= sent) {
                break;
            }
            sink.accept(name, new String(all, sent, end - sent, StandardCharsets.UTF_8));
            sent = end;
        }
        lastSentAt = System.nanoTime();
        buffer.reset();
        buffer.write(all, sent, all.length - sent);
        if (buffer.size() > 0) {
            firstPendingAt = System.nanoTime();
        }
    }

    /** Moves end back so that no multi-byte character is split, unless the bytes are not UTF-8 at all. */
    static int utf8Boundary(byte[] b, int start, int end) {
        int i = end - 1;
        int continuation = 0;
        while (i >= start && continuation < 3 && (b[i] & 0xC0) == 0x80) {
            i--;
            continuation++;
        }
        if (i < start) {
            return end;
        }
        int lead = b[i] & 0xFF;
        int needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        return needed > continuation ? i : end;
    }
}
