package ops.base;

/**
 * Where the time of a run goes, on stderr, when OPS_TRACE is set: milliseconds since the JVM
 * started, per milestone. For bench/ and for "why is this slow here?", never for output.
 */
public final class Trace {
    private Trace() {}

    private static final boolean ON = System.getenv("OPS_TRACE") != null;
    // the JVM's own start time (the process's is only known to the second on Linux); loaded only when tracing
    private static final long START = ON ? java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() : 0;

    public static void mark(String what) {
        if (ON) System.err.println("[trace " + (System.currentTimeMillis() - START) + " ms] " + Thread.currentThread().getName() + ": " + what);
    }
}
