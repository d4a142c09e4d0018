package io.juxta.kernel.link;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The kernel-worker link: length-prefixed JSON objects over a local socket. Sends may come from
 * any thread; receives from one reader thread.
 */
public final class FrameChannel implements AutoCloseable {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private final SocketChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(4);

    public FrameChannel(SocketChannel channel) {
        this.channel = channel;
    }

    public void send(JsonObject message) throws IOException {
        byte[] body = GSON.toJson(message).getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(4 + body.length);
        frame.putInt(body.length).put(body).flip();
        synchronized (this) {
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        }
    }

    /** Blocks for the next message; EOFException when the other side closed the link. */
    public JsonObject receive() throws IOException {
        header.clear();
        readFully(header);
        int length = header.flip().getInt();
        if (length < 0) {
            throw new IOException("corrupt frame length " + length);
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(body);
        return JsonParser.parseString(new String(body.array(), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("link closed");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    public static Gson gson() {
        return GSON;
    }
}
