///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/**.java
//SOURCES ../scripts/route-audit.java
//SOURCES ../scripts/nat-toggle.java
//SOURCES ../scripts/default-route.java
//SOURCES ../scripts/source-ip-check.java
//SOURCES ops/**.java
//SOURCES scripts/**.java
//DEPS org.junit.jupiter:junit-jupiter:5.14.1
//DEPS org.junit.platform:junit-platform-launcher:1.14.1
//DEPS com.code-intelligence:jazzer:0.30.0
//MAIN RunTests
//DESCRIPTION Runs every JUnit test of the toolkit and ends with "N passed, N failed, N skipped". Args: class-name filters (regex).

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The one test command: scans this build's classes, prints a line per test and the summary line CI reads. */
public class RunTests {
    public static void main(String... args) throws Exception {
        Path root = Path.of(RunTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClasspathRoots(Set.of(root)))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false");
        if (args.length > 0) {
            List<String> patterns = new ArrayList<>();
            for (String a : args) patterns.add(a.contains(".") ? a : ".*" + a + ".*"); // a substring of the class name
            request.filters(includeClassNamePatterns(patterns.toArray(String[]::new)));
        } else {
            request.filters(includeClassNamePatterns(".*Test"));
        }
        LauncherDiscoveryRequest discovery = request.build();
        Launcher launcher = LauncherFactory.create();
        Listener listener = new Listener(System.out);
        TestPlan plan = launcher.discover(discovery);
        if (!plan.containsTests()) { // parameterized tests and @TestFactory methods are containers until they run
            System.out.println("0 passed, 0 failed, 0 skipped");
            System.err.println("run-tests: no tests found" + (args.length > 0 ? " for " + String.join(" ", args) : ""));
            System.exit(2);
        }
        launcher.execute(discovery, listener);
        listener.summary();
        System.exit(listener.failed.get() > 0 ? 1 : 0);
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
