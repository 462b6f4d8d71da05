package ops.base;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way the toolkit runs a program on this machine (ssh -G, local shells and probes): argv
 * as given, in our environment minus {@link #SECRETS}. {@link #run} feeds stdin, reads stdout and
 * stderr to their end and waits at most a timeout; {@link #start} leaves the program running.
 */
public final class LocalProcess {
    private LocalProcess() {}

    /** Environment variables that hold secrets meant for us alone (the SSH key passphrase): no child gets them. */
    public static final List<String> SECRETS = List.of("OPS_SSH_PASSPHRASE");

    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(5);

    public record Result(int exit, String out, String err) {}

    /** Starts {@code argv}, its stdin, stdout and stderr pipes to us. */
    public static Process start(List<String> argv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        SECRETS.forEach(pb.environment()::remove);
        return pb.start();
    }

    /**
     * Runs {@code argv} to its end, {@code stdin} written then closed. Its output ends with it,
     * unless a background child holds a pipe open: that gets {@link #OUTPUT_GRACE}, then it is a timeout.
     *
     * @throws IOException          the program did not start
     * @throws TimeoutException     no end within {@code timeout}; the program is killed
     * @throws InterruptedException we were interrupted; the program is killed
     */
    public static Result run(List<String> argv, String stdin, Duration timeout) throws IOException, TimeoutException, InterruptedException {
        Process p = start(argv);
        try {
            // each pipe on its own thread: a program that writes much before it reads never blocks us, nor we it
            background("stdin", () -> {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the program did not read its stdin; its exit status tells the rest
                }
            });
            CompletableFuture<String> out = drain("stdout", p.getInputStream()), err = drain("stderr", p.getErrorStream());
            if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) throw new TimeoutException();
            long until = System.nanoTime() + OUTPUT_GRACE.toNanos();
            return new Result(p.exitValue(), out.get(remaining(until), TimeUnit.NANOSECONDS), err.get(remaining(until), TimeUnit.NANOSECONDS));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // drain completes normally, always
        } finally {
            if (p.isAlive()) p.destroyForcibly();
        }
    }

    /** Reads a stream to its end on its own thread (not the common pool, which may be one thread). */
    private static CompletableFuture<String> drain(String what, InputStream s) {
        CompletableFuture<String> f = new CompletableFuture<>();
        background(what, () -> {
            try (s; ByteArrayOutputStream b = new ByteArrayOutputStream()) {
                s.transferTo(b);
                f.complete(b.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.complete("");
            }
        });
        return f;
    }

    private static void background(String what, Runnable r) {
        Thread t = new Thread(r, "local-process-" + what);
        t.setDaemon(true);
        t.start();
    }

    private static long remaining(long until) {
        return Math.max(0, until - System.nanoTime());
    }
}
