package io.juxta.kernel.protocol;

/** The kernel's sockets, as named in the connection file. */
public enum Channel {
    SHELL, CONTROL, STDIN, IOPUB
}
