package io.juxta.toolkit.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: two zero bytes, a type byte, the
 * number of dimensions, each dimension as a big-endian int, then the values in row-major order.
 * Gzip-compressed files are recognised by their content, whatever their name.
 */
public final class Idx {
    /** The type byte of unsigned bytes, used by (Fashion-)MNIST images (magic 0x803) and labels (0x801). */
    public static final int UNSIGNED_BYTE = 0x08;
    public static final int SIGNED_BYTE = 0x09;
    public static final int SHORT = 0x0B;
    public static final int INT = 0x0C;
    public static final int FLOAT = 0x0D;
    public static final int DOUBLE = 0x0E;

    private Idx() {}

    /** The contents of one IDX file: its type, its dimensions and its values as stored. */
    public static final class Array {
        private final int type;
        private final int[] dims;
        private final byte[] data;

        Array(int type, int[] dims, byte[] data) {
            this.type = type;
            this.dims = dims;
            this.data = data;
        }

        public int type() {
            return type;
        }

        public int[] dims() {
            return dims.clone();
        }

        /** The number of values. */
        public int size() {
            return data.length / bytesPerValue(type);
        }

        /** The magic number, e.g. 0x803 for a 3-dimensional array of unsigned bytes. */
        public int magic() {
            return type << 8 | dims.length;
        }

        /** Every value as a float; unsigned bytes become 0 to 255. */
        public float[] toFloats() {
            float[] out = new float[size()];
            ByteBuffer buffer = ByteBuffer.wrap(data);
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) value(buffer, i);
            }
            return out;
        }

        /** Unsigned bytes scaled to [0, 1], as images are fed to a network. */
        public float[] toUnitFloats() {
            requireType(UNSIGNED_BYTE, "toUnitFloats");
            float[] out = new float[data.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (data[i] & 0xff) / 255f;
            }
            return out;
        }

        /** Every value as an int; floating-point values are truncated. */
        public int[] toInts() {
            int[] out = new int[size()];
            ByteBuffer buffer = ByteBuffer.wrap(data);
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) value(buffer, i);
            }
            return out;
        }

        private double value(ByteBuffer buffer, int index) {
            return switch (type) {
                case UNSIGNED_BYTE -> data[index] & 0xff;
                case SIGNED_BYTE -> data[index];
                case SHORT -> buffer.getShort(index * 2);
                case INT -> buffer.getInt(index * 4);
                case FLOAT -> buffer.getFloat(index * 4);
                case DOUBLE -> buffer.getDouble(index * 8);
                default -> throw new IllegalStateException("unknown IDX type " + type);
            };
        }

        private void requireType(int wanted, String what) {
            if (type != wanted) {
                throw new IllegalStateException(what + " needs unsigned bytes (type 0x08); this array holds type 0x"
                        + Integer.toHexString(type));
            }
        }

        @Override
        public String toString() {
            return "Idx.Array[type 0x" + Integer.toHexString(type) + ", dims " + Arrays.toString(dims) + "]";
        }
    }

    /** Reads a file, plain or gzip-compressed. */
    public static Array read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads a stream, plain or gzip-compressed; {@code name} is used in error messages. */
    public static Array read(InputStream raw, String name) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        // no buffer over the gzip stream: a buffered read that meets the cut end of a truncated file throws away
        // what it had decoded, so the message would say the file has 0 bytes of values
        InputStream source = first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        DataInputStream in = new DataInputStream(source);
        byte[] header = new byte[4];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            throw new IdxFormatException(name + " is not an IDX file: it is shorter than the 4-byte header");
        }
        int type = header[2] & 0xff;
        int rank = header[3] & 0xff;
        if (header[0] != 0 || header[1] != 0 || bytesPerValue(type) == 0 || rank == 0) {
            throw new IdxFormatException(String.format("%s is not an IDX file: it starts with %02x %02x %02x %02x, "
                    + "expected 00 00, a type (08 for unsigned bytes) and the number of dimensions",
                    name, header[0], header[1], header[2], header[3]));
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++) {
            dims[d] = readInt(in, name);
            if (dims[d] < 0) {
                throw new IdxFormatException(name + ": dimension " + d + " is negative (" + dims[d] + ")");
            }
            count *= dims[d];
        }
        long bytes = count * bytesPerValue(type);
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IdxFormatException(name + " holds " + count + " values, more than one Java array can hold");
        }
        byte[] data = new byte[(int) bytes];
        int read = 0;
        try {
            for (int n; read < data.length && (n = in.read(data, read, data.length - read)) >= 0; ) {
                read += n;
            }
        } catch (EOFException e) {
            // a gzip file that was cut short ends its stream with "Unexpected end of ZLIB input stream"
        }
        if (read < data.length) {
            throw new IdxFormatException(name + " is cut short: the header " + Arrays.toString(dims) + " announces "
                    + bytes + " bytes of values, the file has " + read + ". Download it again");
        }
        return new Array(type, dims, data);
    }

    private static int readInt(DataInputStream in, String name) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(name + " is cut short inside its header");
        }
    }

    static int bytesPerValue(int type) {
        return switch (type) {
            case UNSIGNED_BYTE, SIGNED_BYTE -> 1;
            case SHORT -> 2;
            case INT, FLOAT -> 4;
            case DOUBLE -> 8;
            default -> 0;
        };
    }

    /** A file that is not a well-formed IDX file. */
    public static final class IdxFormatException extends IOException {
        IdxFormatException(String message) {
            super(message);
        }
    }
}
