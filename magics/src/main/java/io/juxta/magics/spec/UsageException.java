package io.juxta.magics.spec;

/**
 * A magic was called wrongly. The cell runner shows the message with the magic's usage, as a
 * {@code UsageError} without a stack trace. Magics throw it for bad values the parser cannot see.
 */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
