package ops.base;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

/**
 * The lib's packages form layers: no package reaches, through any chain of uses, back to itself.
 * A use is any reference to {@code ops.PKG.Type} in code (imports or qualified names; comments
 * and strings do not count). ops.base and ops.text sit at the bottom and use no other package.
 */
class PackageLayersTest {
    private static final Pattern USE = Pattern.compile("\\b(ops\\.[a-z]+)\\.[A-Z]");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"", Pattern.DOTALL);

    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        Path lib = Repo.root().resolve("lib");
        try (Stream<Path> files = Files.walk(lib.resolve("ops"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = lib.relativize(f.getParent()).toString().replace('/', '.');
                String code = COMMENTS_AND_STRINGS.matcher(Files.readString(f)).replaceAll(" ");
                Set<String> uses = g.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = USE.matcher(code);
                while (m.find()) if (!m.group(1).equals(pkg)) uses.add(m.group(1));
            }
        }
        return g;
    }

    /** Tarjan's strongly connected components with more than one package: the cycles. */
    static List<List<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] next = {0};
        for (String v : g.keySet()) if (!index.containsKey(v)) strong(v, g, index, low, stack, onStack, out, next);
        return out;
    }

    private static void strong(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low,
                               Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] next) {
        index.put(v, next[0]);
        low.put(v, next[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strong(w, g, index, low, stack, onStack, out, next);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> c = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                c.add(w);
            } while (!w.equals(v));
            if (c.size() > 1) out.add(c);
        }
    }

    @Test
    void noPackageReachesBackToItself() throws IOException {
        Map<String, Set<String>> g = graph();
        assertTrue(g.size() > 15, "packages read: " + g.keySet());
        List<List<String>> cycles = cycles(g);
        StringBuilder why = new StringBuilder();
        for (List<String> c : cycles) {
            for (String a : c) for (String b : g.get(a)) if (c.contains(b)) why.append("\n  ").append(a).append(" -> ").append(b);
        }
        assertTrue(cycles.isEmpty(), "package cycles " + cycles + ":" + why);
    }

    @Test
    void theBottomUsesNothingAbove() throws IOException {
        Map<String, Set<String>> g = graph();
        assertEquals(Set.of(), g.get("ops.base"), "ops.base uses");
        assertTrue(Set.of("ops.base").containsAll(g.get("ops.text")), "ops.text uses " + g.get("ops.text"));
    }

    @Test
    void aCycleIsFound() {
        // the detector itself: a -> b -> c -> a is one cycle, d hangs off it
        Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        List<List<String>> c = cycles(new TreeMap<>(g));
        assertEquals(1, c.size());
        assertEquals(Set.of("a", "b", "c"), new TreeSet<>(c.get(0)));
    }
}
