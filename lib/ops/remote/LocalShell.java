package ops.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ops.base.OpsException;

/** Runs commands on this machine, optionally inside a network namespace ({@code ip netns exec NS}). */
public final class LocalShell implements Remote {
    private final String name;
    private final List<String> prefix;

    private LocalShell(String name, List<String> prefix) {
        this.name = name;
        this.prefix = prefix;
    }

    public static LocalShell here() { return new LocalShell("localhost", List.of()); }

    public static LocalShell inNamespace(String name, String netns) {
        return new LocalShell(name, List.of("ip", "netns", "exec", netns));
    }

    @Override
    public String name() { return name; }

    @Override
    public Result run(String command, String stdin, Duration timeout) {
        Process p = process(command);
        CompletableFuture<byte[]> out = drain(p.getInputStream()), err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the command did not read its stdin; its exit status tells the rest
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new OpsException(name + ": '" + command + "' did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new OpsException(name + ": interrupted", e);
        }
    }

    @Override
    public Running start(String command) {
        Process p = process(command);
        return new Running() {
            @Override
            public OutputStream stdin() { return p.getOutputStream(); }

            @Override
            public InputStream stdout() { return p.getInputStream(); }

            @Override
            public InputStream stderr() { return p.getErrorStream(); }

            @Override
            public Optional<Integer> exitStatus(Duration timeout) {
                try {
                    return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(p.exitValue()) : Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }

            @Override
            public void close() {
                if (p.isAlive()) p.destroy();
            }
        };
    }

    private Process process(String command) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of("/bin/sh", "-c", command));
        try {
            return ops.base.ChildEnv.scrubbed(new ProcessBuilder(argv)).start();
        } catch (IOException e) {
            throw new OpsException(name + ": cannot start /bin/sh (" + e.getMessage() + ")", e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            try (s; ByteArrayOutputStream b = new ByteArrayOutputStream()) {
                s.transferTo(b);
                return b.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }
}
