package io.juxta.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Turns frames into messages and back: the delimiter, HMAC signing and the four JSON parts. */
public final class WireCodec {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    public static final String PROTOCOL_VERSION = "5.4";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");
    /** Messages larger than this are refused before any JSON parsing. */
    static final long MAX_MESSAGE_BYTES = 512L * 1024 * 1024;

    /** Signatures seen lately, as jupyter_client keeps them: a captured message sent again is refused. */
    private static final int REMEMBERED_SIGNATURES = 1 << 14;

    private final Mac mac;
    private final Set<String> recentSignatures = new LinkedHashSet<>();
    private final String session = UUID.randomUUID().toString();

    public WireCodec(String key, String scheme) {
        if (key == null || key.isEmpty()) {
            mac = null;
            return;
        }
        String algorithm = switch (scheme) {
            case "hmac-sha256" -> "HmacSHA256";
            case "hmac-sha512" -> "HmacSHA512";
            case "hmac-sha1" -> "HmacSHA1";
            case "hmac-md5" -> "HmacMD5";
            default -> throw new IllegalArgumentException("unsupported signature scheme " + scheme);
        };
        try {
            mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), algorithm));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalArgumentException("cannot sign with " + scheme, e);
        }
    }

    public String session() {
        return session;
    }

    /** Parses and verifies frames; anything wrong is a {@link MalformedMessageException}. */
    public Message decode(List<byte[]> frames) throws MalformedMessageException {
        long total = 0;
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            total += frames.get(i).length;
            if (delimiter < 0 && Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
            }
        }
        if (total > MAX_MESSAGE_BYTES) {
            throw new MalformedMessageException("message of " + total + " bytes exceeds the limit");
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            throw new MalformedMessageException("not a Jupyter message (no delimiter or too few frames)");
        }
        byte[] signature = frames.get(delimiter + 1);
        List<byte[]> parts = frames.subList(delimiter + 2, delimiter + 6);
        if (mac != null) {
            byte[] expected = HexFormat.of().formatHex(sign(parts)).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, signature)) { // constant time
                throw new MalformedMessageException("invalid signature");
            }
            if (!firstSighting(signature)) {
                throw new MalformedMessageException("replayed message (its signature was seen before)");
            }
        }
        JsonObject header = object(parts.get(0), "header", true);
        if (!header.has("msg_type") || !header.get("msg_type").isJsonPrimitive()
                || !header.has("msg_id") || !header.get("msg_id").isJsonPrimitive()) {
            throw new MalformedMessageException("header lacks msg_type or msg_id");
        }
        return new Message(List.copyOf(frames.subList(0, delimiter)), header, object(parts.get(1), "parent_header", false),
                object(parts.get(2), "metadata", false), object(parts.get(3), "content", false),
                List.copyOf(frames.subList(delimiter + 6, frames.size())));
    }

    private static JsonObject object(byte[] bytes, String what, boolean required) throws MalformedMessageException {
        JsonElement e;
        try {
            e = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException ex) {
            throw new MalformedMessageException(what + " is not JSON");
        }
        if (e == null || e.isJsonNull()) {
            if (required) {
                throw new MalformedMessageException(what + " is missing");
            }
            return new JsonObject();
        }
        if (!e.isJsonObject()) {
            throw new MalformedMessageException(what + " is not a JSON object");
        }
        return e.getAsJsonObject();
    }

    private synchronized boolean firstSighting(byte[] signature) {
        if (!recentSignatures.add(new String(signature, StandardCharsets.US_ASCII))) {
            return false;
        }
        if (recentSignatures.size() > REMEMBERED_SIGNATURES) {
            Iterator<String> oldest = recentSignatures.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** Builds a message whose parent is {@code parent} (null for none). */
    public Message create(String msgType, Message parent, JsonObject content) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", session);
        header.addProperty("username", "kernel");
        header.addProperty("date", OffsetDateTime.now(ZoneOffset.UTC).format(DATE));
        header.addProperty("msg_type", msgType);
        header.addProperty("version", PROTOCOL_VERSION);
        return new Message(parent == null ? List.of() : parent.identities(), header,
                parent == null ? new JsonObject() : parent.header(), new JsonObject(), content, List.of());
    }

    /** Frames to send: identities, delimiter, signature, the four parts, buffers. */
    public List<byte[]> encode(Message m, List<byte[]> identities) {
        List<byte[]> parts = List.of(json(m.header()), json(m.parent()), json(m.metadata()), json(m.content()));
        List<byte[]> frames = new ArrayList<>(identities.size() + 6 + m.buffers().size());
        frames.addAll(identities);
        frames.add(DELIMITER);
        frames.add(mac == null ? new byte[0] : HexFormat.of().formatHex(sign(parts)).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(parts);
        frames.addAll(m.buffers());
        return frames;
    }

    private static byte[] json(JsonObject o) {
        return GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
    }

    private synchronized byte[] sign(List<byte[]> parts) {
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    public static Gson gson() {
        return GSON;
    }
}
