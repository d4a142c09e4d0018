package io.juxta.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The inputs executed in this kernel's session, for history_request. */
final class History {
    /** One executed cell: IPython numbers the current session's lines from 1. */
    record Entry(int session, int line, String input) {}

    static final int SESSION = 1;
    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input) {
        entries.add(new Entry(SESSION, line, input));
    }

    synchronized List<Entry> tail(int n) {
        int from = Math.max(0, entries.size() - Math.max(0, n));
        return List.copyOf(entries.subList(from, entries.size()));
    }

    /** Lines [start, stop) of the session; 0 and negative sessions mean this one. */
    synchronized List<Entry> range(int session, int start, int stop) {
        if (session > 0 && session != SESSION) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.line() >= start && (stop <= 0 || e.line() < stop)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Glob search (* and ?) over inputs, newest last; with unique, each input once. */
    synchronized List<Entry> search(String glob, int n, boolean unique) {
        Pattern p = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
        List<Entry> hits = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (p.matcher(e.input()).matches() && (!unique || seen.add(e.input()))) {
                hits.add(0, e);
            }
        }
        return n > 0 && hits.size() > n ? hits.subList(hits.size() - n, hits.size()) : hits;
    }

    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
