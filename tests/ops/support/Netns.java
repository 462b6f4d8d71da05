package ops.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import ops.remote.LocalShell;
import ops.remote.Remote;

/** A throwaway network namespace for tests that need a real kernel (iptables, nft, routes); root only. */
public final class Netns implements AutoCloseable {
    private final String name;
    private final Remote shell;

    private Netns(String name) {
        this.name = name;
        this.shell = LocalShell.inNamespace(name, name);
    }

    /** Skips the test (assumption) unless we are root with `ip netns` available. */
    public static Netns create(String prefix) {
        Remote.Result id = LocalShell.here().run("id -u");
        assumeTrue(id.out().strip().equals("0"), "needs root for network namespaces");
        String name = "opst-" + prefix + "-" + ProcessHandle.current().pid();
        LocalShell.here().run("ip netns del " + name + " 2>/dev/null");
        Remote.Result r = LocalShell.here().run("ip netns add " + name);
        assumeTrue(r.ok(), "cannot create a network namespace: " + r.err());
        return new Netns(name);
    }

    public Remote shell() { return shell; }

    /** Runs a command that must succeed. */
    public String sh(String command, String stdin) {
        Remote.Result r = shell.run(command, stdin, Duration.ofSeconds(30));
        if (!r.ok()) throw new AssertionError(name + ": `" + command + "` failed: " + r.err());
        return r.out();
    }

    public boolean has(String program) {
        return shell.run("command -v " + program).ok();
    }

    @Override
    public void close() {
        LocalShell.here().run("ip netns del " + name);
    }
}
