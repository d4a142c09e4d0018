package io.juxta.frameworks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header mapping names to
 * dtype, shape and byte offsets, then the raw little-endian data. Files open in Python's safetensors/PyTorch.
 */
public final class Safetensors {
    private Safetensors() {}

    public static void save(Path file, Map<String, HostArray> tensors) throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        boolean first = true;
        for (var e : tensors.entrySet()) {
            HostArray a = e.getValue();
            long bytes = (long) a.size() * a.dtype().byteSize();
            if (!first) header.append(',');
            first = false;
            header.append(quote(e.getKey())).append(":{\"dtype\":\"").append(code(a.dtype())).append("\",\"shape\":[");
            int[] s = a.shape();
            for (int i = 0; i < s.length; i++) header.append(i == 0 ? "" : ",").append(s[i]);
            header.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;     // the format recommends 8-byte alignment of the data
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) buf.put((byte) ' ');
        for (HostArray a : tensors.values()) {
            for (int i = 0; i < a.size(); i++) {
                switch (a.dtype()) {
                    case FLOAT32 -> buf.putFloat((float) a.get(i));
                    case FLOAT64 -> buf.putDouble(a.get(i));
                    case INT32 -> buf.putInt((int) a.get(i));
                    case INT64 -> buf.putLong(((long[]) a.data())[i]);
                    case BOOL -> buf.put((byte) a.get(i));
                }
            }
        }
        Files.write(file, buf.array());
    }

    public static Map<String, HostArray> load(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.remaining() < 8) throw new IOException(file + " is not a safetensors file (too short)");
        long headerLength = buf.getLong();
        if (headerLength < 2 || headerLength > buf.remaining()) throw new IOException(file + " is not a safetensors file (bad header length " + headerLength + ")");
        String json = new String(buf.array(), 8, (int) headerLength, StandardCharsets.UTF_8);
        int dataStart = 8 + (int) headerLength;
        Object parsed = new Json(json).value();
        if (!(parsed instanceof Map<?, ?> header)) throw new IOException("safetensors header is not a JSON object");
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (var e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) continue;
            Map<?, ?> info = (Map<?, ?>) e.getValue();
            DType dtype = dtype((String) info.get("dtype"), name);
            List<?> shapeList = (List<?>) info.get("shape"), offsets = (List<?>) info.get("data_offsets");
            int[] shape = new int[shapeList.size()];
            for (int i = 0; i < shape.length; i++) shape[i] = ((Number) shapeList.get(i)).intValue();
            HostArray a = HostArray.zeros(dtype, shape);
            ByteBuffer data = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            data.position(dataStart + ((Number) offsets.get(0)).intValue());
            for (int i = 0; i < a.size(); i++) {
                switch (dtype) {
                    case FLOAT32 -> a.set(i, data.getFloat());
                    case FLOAT64 -> a.set(i, data.getDouble());
                    case INT32 -> a.set(i, data.getInt());
                    case INT64 -> ((long[]) a.data())[i] = data.getLong();
                    case BOOL -> a.set(i, data.get());
                }
            }
            out.put(name, a);
        }
        return out;
    }

    private static String code(DType d) {
        return switch (d) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
            case INT32 -> "I32";
            case INT64 -> "I64";
            case BOOL -> "BOOL";
        };
    }

    private static DType dtype(String code, String name) throws IOException {
        return switch (code) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            case "I32" -> DType.INT32;
            case "I64" -> DType.INT64;
            case "BOOL" -> DType.BOOL;
            default -> throw new IOException("Tensor '" + name + "' has dtype " + code + ", which Juxta cannot load (F32, F64, I32, I64, BOOL)");
        };
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** Just enough JSON for safetensors headers: objects, arrays, strings, numbers. */
    private static final class Json {
        private final String s;
        private int i;

        Json(String s) { this.s = s; }

        Object value() throws IOException {
            skip();
            if (i >= s.length()) throw new IOException("Unexpected end of safetensors header");
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') { i++; return m; }
                while (true) {
                    skip();
                    String key = string();
                    skip();
                    expect(':');
                    m.put(key, value());
                    skip();
                    if (s.charAt(i) == ',') { i++; continue; }
                    expect('}');
                    return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') { i++; return l; }
                while (true) {
                    l.add(value());
                    skip();
                    if (s.charAt(i) == ',') { i++; continue; }
                    expect(']');
                    return l;
                }
            }
            if (c == '"') return string();
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            if (start == i) throw new IOException("Unexpected '" + c + "' in safetensors header at " + i);
            return Double.parseDouble(s.substring(start, i));
        }

        private String string() throws IOException {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'u' -> { sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        default -> sb.append(e);
                    }
                } else sb.append(c);
            }
            i++;
            return sb.toString();
        }

        private void expect(char c) throws IOException {
            if (i >= s.length() || s.charAt(i) != c) throw new IOException("Expected '" + c + "' in safetensors header at " + i);
            i++;
        }

        private void skip() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
    }
}
