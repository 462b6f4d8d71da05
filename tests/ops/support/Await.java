package ops.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something that happens on its own (a revert, a clean-up, a process getting ready):
 * polls until it holds or a generous deadline passes. The deadline only bounds a hang; a test
 * asserts what happened, never how fast.
 */
public final class Await {
    private Await() {}

    /** True as soon as {@code condition} holds, polled every {@code every}; false once {@code deadline} has passed without it. */
    public static boolean until(Duration deadline, Duration every, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            if (condition.getAsBoolean()) return true;
            if (System.nanoTime() - end >= 0) return false;
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
    }
}
