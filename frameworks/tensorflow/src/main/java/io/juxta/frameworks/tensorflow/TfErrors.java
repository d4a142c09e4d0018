package io.juxta.frameworks.tensorflow;

import io.juxta.frameworks.spi.TensorOps;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TFOutOfRangeException;

/**
 * TensorFlow's argument errors as the torch backend reports libtorch's: an IllegalArgumentException with a one-line
 * "tf: ..." message, so that portable code sees the same kind of error from either backend, without the graph node
 * annotations ("[[{{node train1/MatMul}}]]") that name Juxta's internals rather than the user's code.
 */
final class TfErrors {
    private TfErrors() {}

    static RuntimeException translate(RuntimeException e) {
        if (!(e instanceof TFInvalidArgumentException || e instanceof TFOutOfRangeException) || e.getMessage() == null) {
            return e;
        }
        String message = e.getMessage().replaceAll("\\s*\\[\\[\\{\\{node [^}]*}}]]", "")
                .replaceAll("\\s*\\[Op:[A-Za-z0-9_]+]", "");
        String firstLine = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        // no cause, as torch's translation has none: a notebook shows causes, and TensorFlow's would repeat the message
        // with the graph node names and, for a bad label, every label of the batch
        return new IllegalArgumentException("tf: " + firstLine);
    }

    /** Runs a staged graph, translating its argument errors. */
    static Result run(Session.Runner runner) {
        try {
            return runner.run();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** The backend's ops as users call them: every TensorFlow argument error translated (a few ns per eager op of µs). */
    static TensorOps translating(TensorOps ops) {
        return (TensorOps) Proxy.newProxyInstance(TensorOps.class.getClassLoader(), new Class<?>[] {TensorOps.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "equals":
                            if (args != null && args.length == 1 && method.getParameterTypes()[0] == Object.class) {
                                return proxy == args[0];
                            }
                            break;
                        case "hashCode":
                            if (args == null) {
                                return System.identityHashCode(proxy);
                            }
                            break;
                        default:
                            break;
                    }
                    try {
                        return method.invoke(ops, args);
                    } catch (InvocationTargetException e) {
                        Throwable cause = e.getCause();
                        throw cause instanceof RuntimeException r ? translate(r) : cause;
                    }
                });
    }
}
