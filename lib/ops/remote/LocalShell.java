package ops.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ops.base.LocalProcess;
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
        try {
            LocalProcess.Result r = LocalProcess.run(argv(command), stdin, timeout);
            return new Result(r.exit(), r.out(), r.err());
        } catch (IOException e) {
            throw cannotStart(e);
        } catch (TimeoutException e) {
            throw new OpsException(name + ": '" + command + "' did not finish within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException(name + ": interrupted", e);
        }
    }

    @Override
    public Running start(String command) {
        Process p;
        try {
            p = LocalProcess.start(argv(command));
        } catch (IOException e) {
            throw cannotStart(e);
        }
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

    private List<String> argv(String command) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of("/bin/sh", "-c", command));
        return argv;
    }

    private OpsException cannotStart(IOException e) {
        return new OpsException(name + ": cannot start /bin/sh (" + e.getMessage() + ")", e);
    }
}
