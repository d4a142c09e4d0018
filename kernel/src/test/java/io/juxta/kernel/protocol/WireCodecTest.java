package io.juxta.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private static final String KEY = "a0436f6c-1916-498b-8eb9-e81ab9368e84";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Frames as jupyter_client builds them, signed independently of the codec. */
    private static List<byte[]> clientFrames(String key, String header, String content) throws Exception {
        List<byte[]> parts = List.of(utf8(header), utf8("{}"), utf8("{}"), utf8(content));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(utf8(key), "HmacSHA256"));
        parts.forEach(mac::update);
        List<byte[]> frames = new ArrayList<>();
        frames.add(utf8("client-identity"));
        frames.add(WireCodec.DELIMITER);
        frames.add(utf8(HexFormat.of().formatHex(mac.doFinal())));
        frames.addAll(parts);
        return frames;
    }

    private static final String HEADER = "{\"msg_id\":\"1\",\"msg_type\":\"kernel_info_request\",\"session\":\"s\","
            + "\"username\":\"u\",\"date\":\"2026-01-01T00:00:00Z\",\"version\":\"5.4\"}";

    @Test
    void decodesAMessageSignedByAClient() throws Exception {
        Message m = new WireCodec(KEY, "hmac-sha256").decode(clientFrames(KEY, HEADER, "{\"a\":1}"));
        assertEquals("kernel_info_request", m.type());
        assertEquals(1, m.content().get("a").getAsInt());
        assertEquals(1, m.identities().size());
        assertArrayEquals(utf8("client-identity"), m.identities().get(0));
    }

    @Test
    void rejectsAWrongSignature() throws Exception {
        List<byte[]> frames = clientFrames("another key", HEADER, "{}");
        var e = assertThrows(MalformedMessageException.class, () -> new WireCodec(KEY, "hmac-sha256").decode(frames));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void rejectsAMissingSignatureWhenAKeyIsSet() throws Exception {
        List<byte[]> frames = clientFrames(KEY, HEADER, "{}");
        frames.set(2, new byte[0]);
        assertThrows(MalformedMessageException.class, () -> new WireCodec(KEY, "hmac-sha256").decode(frames));
    }

    @Test
    void rejectsMalformedParts() throws Exception {
        WireCodec codec = new WireCodec(KEY, "hmac-sha256");
        assertThrows(MalformedMessageException.class, () -> codec.decode(List.of(utf8("no delimiter"))));
        assertThrows(MalformedMessageException.class, () -> codec.decode(clientFrames(KEY, "not json", "{}")));
        assertThrows(MalformedMessageException.class, () -> codec.decode(clientFrames(KEY, "[1,2]", "{}")));
        assertThrows(MalformedMessageException.class, () -> codec.decode(clientFrames(KEY, "{\"msg_id\":\"1\"}", "{}")));
        assertThrows(MalformedMessageException.class, () -> codec.decode(clientFrames(KEY, HEADER, "\"text\"")));
    }

    @Test
    void encodedRepliesDecodeWithTheSameKeyAndCarryTheParent() throws Exception {
        WireCodec codec = new WireCodec(KEY, "hmac-sha256");
        Message request = codec.decode(clientFrames(KEY, HEADER, "{}"));
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        Message reply = codec.create("kernel_info_reply", request, content);
        List<byte[]> frames = codec.encode(reply, request.identities());
        Message back = new WireCodec(KEY, "hmac-sha256").decode(frames);
        assertEquals("kernel_info_reply", back.type());
        assertEquals("1", back.parent().get("msg_id").getAsString());
        assertEquals(WireCodec.PROTOCOL_VERSION, back.header().get("version").getAsString());
        assertThrows(MalformedMessageException.class, () -> new WireCodec("other", "hmac-sha256").decode(frames));
    }

    @Test
    void withoutAKeyMessagesAreUnsigned() throws Exception {
        WireCodec codec = new WireCodec("", "hmac-sha256");
        List<byte[]> frames = codec.encode(codec.create("status", null, new JsonObject()), List.of());
        assertEquals(0, frames.get(1).length);
        assertEquals("status", codec.decode(frames).type());
    }

    @Test
    void refusesAnUnknownScheme() {
        assertThrows(IllegalArgumentException.class, () -> new WireCodec(KEY, "rot13"));
    }
}
