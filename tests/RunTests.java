///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES TestDeps.java
//SOURCES ../lib/**.java
//SOURCES ../scripts/route-audit.java
//SOURCES ../scripts/nat-toggle.java
//SOURCES ../scripts/default-route.java
//SOURCES ../scripts/source-ip-check.java
//SOURCES ops/**.java
//SOURCES scripts/**.java
//MAIN RunTests
//DESCRIPTION Runs every JUnit test of the toolkit and ends with "N passed, N failed, N skipped". Args: class-name filters (regex); --only PATTERN (class or test name).

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The one test command: scans this build's classes, prints a line per test and the summary line CI reads.
 * Args: class-name filters (a substring, or a regex when it holds a dot), and {@code --only PATTERN}
 * (repeatable): only the tests whose class name, method name or display name (or "Class > test" as
 * printed) contains a match of the Java regex PATTERN. Tests a @TestFactory or @ParameterizedTest
 * makes only exist while it runs: they go with their class or method name.
 */
public class RunTests {
    public static void main(String... args) throws Exception {
        List<String> classFilters = new ArrayList<>();
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--only") || a.startsWith("--only=")) {
                String pattern = a.equals("--only") ? (i + 1 < args.length ? args[++i] : null) : a.substring("--only=".length());
                if (pattern == null || pattern.isEmpty()) usage("--only needs a PATTERN (a Java regular expression)");
                only.add(pattern);
            } else if (a.startsWith("--")) {
                usage("unknown option " + a);
            } else {
                classFilters.add(a);
            }
        }
        Pattern onlyPattern = null;
        if (!only.isEmpty()) {
            try {
                onlyPattern = Pattern.compile(only.size() == 1 ? only.get(0) : "(?:" + String.join(")|(?:", only) + ")");
            } catch (PatternSyntaxException e) {
                usage("--only: not a Java regular expression: " + e.getDescription() + " in " + e.getPattern());
            }
        }
        Path root = Path.of(RunTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClasspathRoots(Set.of(root)))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false");
        if (!classFilters.isEmpty()) {
            List<String> patterns = new ArrayList<>();
            for (String a : classFilters) patterns.add(a.contains(".") ? a : ".*" + a + ".*"); // a substring of the class name
            request.filters(includeClassNamePatterns(patterns.toArray(String[]::new)));
        } else {
            request.filters(includeClassNamePatterns(".*Test"));
        }
        if (onlyPattern != null) request.filters(only(onlyPattern));
        LauncherDiscoveryRequest discovery = request.build();
        Launcher launcher = LauncherFactory.create();
        Listener listener = new Listener(System.out);
        TestPlan plan = launcher.discover(discovery);
        if (!plan.containsTests()) { // parameterized tests and @TestFactory methods are containers until they run
            System.out.println("0 passed, 0 failed, 0 skipped");
            List<String> asked = new ArrayList<>(classFilters);
            for (String o : only) asked.add("--only " + o);
            System.err.println("run-tests: no tests found" + (asked.isEmpty() ? "" : " for " + String.join(" ", asked)));
            System.exit(2);
        }
        launcher.execute(discovery, listener);
        listener.summary();
        System.exit(listener.failed.get() > 0 ? 1 : 0);
    }

    private static void usage(String problem) {
        System.err.println("run-tests: " + problem);
        System.err.println("usage: tests/run [CLASS-NAME-SUBSTRING...] [--only PATTERN]...");
        System.exit(2);
    }

    /** Keeps a test when PATTERN is found in its class name (simple or full), method name, display name or "Class > name". */
    static PostDiscoveryFilter only(Pattern pattern) {
        return descriptor -> {
            boolean hit = names(descriptor).stream().anyMatch(n -> pattern.matcher(n).find());
            return FilterResult.includedIf(hit, () -> "matches --only " + pattern, () -> "does not match --only " + pattern);
        };
    }

    /** The names a test is known by: its own and its containers' (classes, methods, display names). */
    static List<String> names(TestDescriptor descriptor) {
        List<String> names = new ArrayList<>();
        for (TestDescriptor d = descriptor; d != null && !d.isRoot(); d = d.getParent().orElse(null)) {
            names.add(d.getDisplayName());
            Object s = d.getSource().orElse(null);
            String clazz = s instanceof MethodSource m ? m.getClassName() : s instanceof ClassSource c ? c.getClassName() : null;
            if (clazz == null) continue;
            String simple = clazz.substring(clazz.lastIndexOf('.') + 1);
            names.add(clazz);
            names.add(simple);
            if (s instanceof MethodSource m) {
                names.add(m.getMethodName());
                names.add(simple + " > " + d.getDisplayName()); // as the run prints it
            }
        }
        return names;
    }

    static final class Listener implements TestExecutionListener {
        final AtomicLong passed = new AtomicLong(), failed = new AtomicLong(), skipped = new AtomicLong();
        final Map<String, Long> started = new ConcurrentHashMap<>();
        final List<String> failures = new ArrayList<>();
        final PrintStream out;

        Listener(PrintStream out) { this.out = out; }

        @Override
        public void executionStarted(TestIdentifier id) {
            started.put(id.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                skipped.incrementAndGet();
                out.println("SKIP " + name(id) + " (" + reason + ")");
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            long ms = Duration.ofNanos(System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())).toMillis();
            switch (result.getStatus()) {
                case SUCCESSFUL -> {
                    if (id.isTest()) {
                        passed.incrementAndGet();
                        out.println("ok   " + name(id) + " (" + ms + " ms)");
                    }
                }
                case ABORTED -> {
                    if (id.isTest()) {
                        skipped.incrementAndGet();
                        out.println("SKIP " + name(id) + " (" + result.getThrowable().map(Throwable::getMessage).orElse("aborted") + ")");
                    }
                }
                case FAILED -> {
                    failed.incrementAndGet(); // a failing container (@BeforeAll) counts once
                    Throwable t = result.getThrowable().orElse(null);
                    out.println("FAIL " + name(id) + " (" + ms + " ms): " + (t == null ? "" : t));
                    failures.add(name(id) + "\n" + trace(t));
                }
            }
        }

        void summary() {
            if (!failures.isEmpty()) {
                out.println("\nFailures:");
                for (String f : failures) out.println("- " + f);
            }
            out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        }

        private static String name(TestIdentifier id) {
            String clazz = id.getSource().map(s -> s instanceof MethodSource m ? m.getClassName()
                    : s instanceof ClassSource c ? c.getClassName() : "").orElse("");
            clazz = clazz.substring(clazz.lastIndexOf('.') + 1);
            return (clazz.isEmpty() || id.getDisplayName().equals(clazz) ? "" : clazz + " > ") + id.getDisplayName();
        }

        private static String trace(Throwable t) {
            if (t == null) return "";
            StringBuilder sb = new StringBuilder("  ").append(t).append('\n');
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().startsWith("org.junit") || e.getClassName().startsWith("java.") || e.getClassName().startsWith("jdk.")) continue;
                sb.append("    at ").append(e).append('\n');
                if (sb.length() > 1500) break;
            }
            return sb.toString();
        }
    }
}
