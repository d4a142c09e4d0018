package io.juxta.kernel.cli;

import java.util.ArrayList;
import java.util.List;

/** Command-line options in {@code --name value} and {@code --name=value} form, plus flags. */
final class Args {
    private final List<String> words;

    Args(List<String> words) {
        this.words = words;
    }

    boolean flag(String name) {
        return words.contains(name);
    }

    String optional(String name, String fallback) {
        List<String> all = all(name);
        return all.isEmpty() ? fallback : all.get(all.size() - 1);
    }

    String required(String name) {
        String v = optional(name, null);
        if (v == null) {
            throw new UsageException("missing " + name);
        }
        return v;
    }

    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals(name)) {
                if (i + 1 >= words.size()) {
                    throw new UsageException(name + " needs a value");
                }
                values.add(words.get(++i));
            } else if (w.startsWith(name + "=")) {
                values.add(w.substring(name.length() + 1));
            }
        }
        return values;
    }

    /** Rejects options that the command does not know, with the list of those it does. */
    void allowOnly(List<String> flags, List<String> options) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
            if (flags.contains(w)) {
                continue;
            }
            if (options.contains(name)) {
                if (!w.contains("=")) {
                    i++;
                }
                continue;
            }
            throw new UsageException("unknown option " + w + " (known: " + String.join(", ", flags) + ", "
                    + String.join(", ", options) + ")");
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
