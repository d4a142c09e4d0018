package io.juxta.kernel.protocol;

/** A message that was not signed correctly or is not a Jupyter message; it is dropped. */
public class MalformedMessageException extends Exception {
    public MalformedMessageException(String reason) {
        super(reason, null, false, false);
    }
}
