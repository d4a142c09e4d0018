package io.juxta.kernel.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One value rendered for the front end: MIME type to content (String, or a JSON-able Map/List
 * for {@code application/json}), with per-type metadata such as an image's size.
 */
public final class MimeBundle {
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final Map<String, Object> metadata = new LinkedHashMap<>();

    public static MimeBundle text(String text) {
        return new MimeBundle().put("text/plain", text);
    }

    public MimeBundle put(String mimeType, Object content) {
        data.put(mimeType, content);
        return this;
    }

    public MimeBundle meta(String mimeType, Map<String, Object> meta) {
        metadata.put(mimeType, meta);
        return this;
    }

    public Map<String, Object> data() {
        return data;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    public boolean has(String mimeType) {
        return data.containsKey(mimeType);
    }

    public Object get(String mimeType) {
        return data.get(mimeType);
    }

    @Override
    public String toString() {
        return "MimeBundle" + data.keySet();
    }
}
