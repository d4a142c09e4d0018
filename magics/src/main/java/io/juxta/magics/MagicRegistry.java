package io.juxta.magics;

import io.juxta.magics.spec.Area;
import io.juxta.magics.spec.EditDistance;
import io.juxta.magics.spec.MagicSpec;
import io.juxta.magics.spec.UsageException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** All magics of a session, by name. Open: any module may register magics before the session starts. */
public final class MagicRegistry {
    private final Map<String, Magic> magics = new LinkedHashMap<>();

    public synchronized MagicRegistry register(Magic magic) {
        String name = magic.spec().name();
        if (magics.containsKey(name)) {
            throw new IllegalStateException("a magic named " + name + " is already registered");
        }
        magics.put(name, magic);
        return this;
    }

    public MagicRegistry registerAll(List<? extends Magic> list) {
        list.forEach(this::register);
        return this;
    }

    public synchronized Optional<Magic> find(String name) {
        return Optional.ofNullable(magics.get(name));
    }

    /** Every magic, sorted by area (known order first) and name. */
    public synchronized List<Magic> all() {
        return magics.values().stream()
                .sorted(Comparator.comparingInt((Magic m) -> Area.rank(m.spec().area()))
                        .thenComparing(m -> m.spec().area())
                        .thenComparing(m -> m.spec().name()))
                .toList();
    }

    public List<String> names(boolean cellForm) {
        return all().stream()
                .filter(m -> cellForm ? m.spec().kind().allowsCell() : m.spec().kind().allowsLine())
                .map(m -> m.spec().name())
                .toList();
    }

    /**
     * The magic written {@code %name} or {@code %%name}, or a usage error that says what exists:
     * the other form, or the nearest names.
     */
    public Magic resolve(String name, boolean cellForm) {
        Magic magic = find(name).orElse(null);
        String written = (cellForm ? "%%" : "%") + name;
        if (magic == null) {
            String near = EditDistance.didYouMean(name, names(cellForm), cellForm ? "%%" : "%");
            throw new UsageException((cellForm ? "cell" : "line") + " magic " + written + " not found." + near
                    + " Run %lsmagic to list the magics.");
        }
        MagicSpec spec = magic.spec();
        if (cellForm && !spec.kind().allowsCell()) {
            throw new UsageException("%" + name + " is a line magic: write it as %" + name + " on a line of its own, not %%" + name + ".");
        }
        if (!cellForm && !spec.kind().allowsLine()) {
            throw new UsageException("%%" + name + " is a cell magic: write %%" + name + " as the first line of the cell.");
        }
        return magic;
    }

    /** The text of {@code %lsmagic}: magics grouped by area, one line each. */
    public String listing() {
        Map<String, List<Magic>> byArea = all().stream().collect(Collectors.groupingBy(m -> m.spec().area(), LinkedHashMap::new, Collectors.toList()));
        int width = all().stream().mapToInt(m -> forms(m.spec()).length()).max().orElse(0) + 2;
        StringBuilder text = new StringBuilder();
        byArea.forEach((area, list) -> {
            text.append(area).append(":\n");
            for (Magic magic : list) {
                text.append("  ").append(String.format("%-" + width + "s", forms(magic.spec()))).append(magic.spec().summary()).append('\n');
            }
            text.append('\n');
        });
        text.append("Shell lines: !command runs a shell command; %help NAME or %NAME? shows a magic's help.\n");
        text.append("Help: a cell of NAME? shows a class's or method's documentation (String.valueOf?), a variable's type and value, or a magic's help.");
        return text.toString();
    }

    /** {@code %time %%time}: the forms a magic can be written in. */
    public static String forms(MagicSpec spec) {
        StringBuilder forms = new StringBuilder();
        if (spec.kind().allowsLine()) {
            forms.append('%').append(spec.name());
        }
        if (spec.kind().allowsCell()) {
            forms.append(forms.length() > 0 ? " " : "").append("%%").append(spec.name());
        }
        return forms.toString();
    }

    /** Areas in listing order, each with its magics' names. */
    public Map<String, List<String>> namesByArea() {
        Map<String, List<String>> result = new TreeMap<>(Comparator.comparingInt(Area::rank).thenComparing(a -> a));
        all().forEach(m -> result.computeIfAbsent(m.spec().area(), a -> new java.util.ArrayList<>()).add(m.spec().name()));
        return result;
    }
}
