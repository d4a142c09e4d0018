package io.juxta.kernel.protocol;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** The connection file a front end writes: where to bind and how to sign. */
public record ConnectionInfo(String transport, String ip, int shellPort, int controlPort, int stdinPort,
                             int iopubPort, int hbPort, String key, String signatureScheme) {

    public static ConnectionInfo read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("the connection file " + file + " does not exist (Jupyter writes it and passes its path"
                    + " as {connection_file})", e);
        }
        JsonObject o;
        try {
            o = JsonParser.parseString(text).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException("the connection file " + file + " is not a JSON object (" + e.getMessage() + ")", e);
        }
        try {
            return fromJson(o);
        } catch (RuntimeException e) {
            throw new IOException("the connection file " + file + " lacks or misstates a field (it needs ip, shell_port,"
                    + " control_port, stdin_port, iopub_port, hb_port and key; " + e.getMessage() + ")", e);
        }
    }

    private static ConnectionInfo fromJson(JsonObject o) throws IOException {
        for (String field : new String[] {"ip", "shell_port", "control_port", "stdin_port", "iopub_port", "hb_port"}) {
            if (!o.has(field) || o.get(field).isJsonNull()) {
                throw new IllegalArgumentException("no " + field);
            }
        }
        String transport = o.has("transport") ? o.get("transport").getAsString() : "tcp";
        if (!"tcp".equals(transport) && !"ipc".equals(transport)) {
            throw new IOException("the connection file asks for the '" + transport + "' transport; Juxta serves tcp "
                    + "and ipc (set \"transport\": \"tcp\", e.g. c.KernelManager.transport = 'tcp' in Jupyter's config)");
        }
        String scheme = o.has("signature_scheme") ? o.get("signature_scheme").getAsString() : "hmac-sha256";
        return new ConnectionInfo(transport, o.get("ip").getAsString(), o.get("shell_port").getAsInt(),
                o.get("control_port").getAsInt(), o.get("stdin_port").getAsInt(), o.get("iopub_port").getAsInt(),
                o.get("hb_port").getAsInt(), o.has("key") ? o.get("key").getAsString() : "", scheme);
    }

    /** The ZeroMQ endpoint for one port, as libzmq front ends name it: tcp://ip:port, or ipc://ip-port (a file). */
    public String endpoint(int port) {
        return "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }

    /** Where to listen for one port: an address and port ("*" for every address), or a Unix socket file for ipc. */
    public SocketAddress address(int port) throws UnknownHostException {
        if ("ipc".equals(transport)) {
            return UnixDomainSocketAddress.of(ip + "-" + port);
        }
        return new InetSocketAddress(InetAddress.getByName("*".equals(ip) ? "0.0.0.0" : ip), port);
    }

    /** Whether users other than the owner can read the file that holds the signing key. */
    public static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
