package io.juxta.kernel.protocol;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * One Jupyter message: routing identities, the four JSON parts and any binary buffers.
 * {@code header} carries msg_type; replies keep the request's header as their parent.
 */
public record Message(List<byte[]> identities, JsonObject header, JsonObject parent, JsonObject metadata,
                      JsonObject content, List<byte[]> buffers) {

    public String type() {
        return header.has("msg_type") ? header.get("msg_type").getAsString() : "";
    }

    public String id() {
        return header.has("msg_id") ? header.get("msg_id").getAsString() : "";
    }

    /** A string field of the content, or the fallback when missing or not a string. */
    public String string(String field, String fallback) {
        var e = content.get(field);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : fallback;
    }

    public boolean bool(String field, boolean fallback) {
        var e = content.get(field);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : fallback;
    }

    public int integer(String field, int fallback) {
        var e = content.get(field);
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            double d = e.getAsDouble();
            if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        return fallback;
    }
}
