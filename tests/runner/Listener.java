package runner;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** Prints a line per test as it ends ("ok", "FAIL", "SKIP", with its time) and counts them; keeps each failure's trace. */
final class Listener implements TestExecutionListener {
    final AtomicLong passed = new AtomicLong(), failed = new AtomicLong(), skipped = new AtomicLong();
    final List<String> failures = new ArrayList<>();
    /** Each class's wall seconds, its @BeforeAll and @AfterAll included (for tests/runner/durations.txt). */
    final Map<String, Double> classSeconds = new ConcurrentHashMap<>();
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final PrintStream out;

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
        if (id.getSource().orElse(null) instanceof ClassSource c) classSeconds.put(Durations.simple(c.getClassName()), ms / 1000.0);
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
                synchronized (failures) {
                    failures.add(name(id) + "\n" + trace(t));
                }
            }
        }
    }

    static String name(TestIdentifier id) {
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
