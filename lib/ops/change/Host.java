package ops.change;

import java.util.function.Supplier;
import ops.remote.Remote;

/**
 * Where a step runs: the name a plan shows, the machine whose change lock covers it, and the
 * connection, made when a step first needs it (a new connection proves the machine is
 * reachable at that moment, not when the plan was made).
 */
public final class Host {
    private final String name;
    private final String machine;
    private final Supplier<Remote> connect;
    private Remote remote;

    private Host(String name, String machine, Supplier<Remote> connect) {
        this.name = name;
        this.machine = machine;
        this.connect = connect;
    }

    public static Host of(Remote remote) {
        return new Host(remote.name(), remote.name(), () -> remote);
    }

    /** A connection to {@code machine} opened anew when a step first runs on it. */
    public static Host newConnection(String machine, Supplier<Remote> connect) {
        return new Host(machine + " (new connection)", machine, connect);
    }

    public String name() { return name; }

    public String machine() { return machine; }

    /** The connection; a one-line {@link ops.base.OpsException} when a new one cannot be made. */
    public synchronized Remote remote() {
        if (remote == null) remote = connect.get();
        return remote;
    }
}
