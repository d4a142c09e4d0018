package io.juxta.magics.spec;

/**
 * Splits a magic's argument line like a POSIX shell, one token at a time, so that the part of
 * the line taken raw (Java code) is never lexed: 'single quotes' are literal, "double quotes"
 * honour backslash escapes of {@code " \ $ `}, and a backslash outside quotes escapes the next
 * character.
 */
final class ArgLexer {
    /** One token; {@code quoted} tells {@code "--x"} (a value) from {@code --x} (an option). */
    record Token(String text, int start, int end, boolean quoted) {
    }

    private final String line;
    private int position;

    ArgLexer(String line) {
        this.line = line;
    }

    /** Where the next token would start, after whitespace. */
    int peekStart() {
        int at = position;
        while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
            at++;
        }
        return at;
    }

    String rawFrom(int start) {
        return line.substring(start);
    }

    /** The next token, or null at the end of the line. */
    Token next() {
        position = peekStart();
        if (position >= line.length()) {
            return null;
        }
        int start = position;
        StringBuilder text = new StringBuilder();
        boolean quoted = false;
        while (position < line.length()) {
            char c = line.charAt(position);
            if (Character.isWhitespace(c)) {
                break;
            }
            if (c == '\'') {
                quoted = true;
                int close = line.indexOf('\'', position + 1);
                if (close < 0) {
                    throw new UsageException("a ' quote opened at column " + (position + 1) + " is never closed");
                }
                text.append(line, position + 1, close);
                position = close + 1;
            } else if (c == '"') {
                quoted = true;
                int opened = position++;
                boolean closed = false;
                while (position < line.length()) {
                    char q = line.charAt(position);
                    if (q == '"') {
                        closed = true;
                        position++;
                        break;
                    }
                    if (q == '\\' && position + 1 < line.length() && "\"\\$`".indexOf(line.charAt(position + 1)) >= 0) {
                        text.append(line.charAt(position + 1));
                        position += 2;
                    } else {
                        text.append(q);
                        position++;
                    }
                }
                if (!closed) {
                    throw new UsageException("a \" quote opened at column " + (opened + 1) + " is never closed");
                }
            } else if (c == '\\' && position + 1 < line.length()) {
                quoted = true;
                text.append(line.charAt(position + 1));
                position += 2;
            } else {
                text.append(c);
                position++;
            }
        }
        return new Token(text.toString(), start, position, quoted);
    }
}
