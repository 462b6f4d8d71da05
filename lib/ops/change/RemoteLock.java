package ops.change;
import ops.text.Shell;

import ops.base.OpsException;
import ops.remote.Remote;

/**
 * A lock on a remote host against two runs at once: {@code mkdir} is atomic on Linux and
 * FreeBSD alike. The folder holds who took it and when, for the message the second run prints.
 */
public final class RemoteLock implements AutoCloseable {
    private final Remote host;
    private final String path;

    private RemoteLock(Remote host, String path) {
        this.host = host;
        this.path = path;
    }

    public static String path(String name) { return "/tmp/ops-" + name + ".lock"; }

    /** The lock an earlier run of the same change took and left for this one to free (confirm, rollback). */
    public static RemoteLock adopt(String name) {
        return new RemoteLock(null, path(name));
    }

    public static RemoteLock acquire(Remote host, String name, String owner) {
        String path = path(name);
        Remote.Result r;
        try {
            r = host.run("if mkdir " + path + " 2>/dev/null; then printf '%s\\n' " + Shell.quote(owner) + " > " + path
                    + "/owner; else cat " + path + "/owner 2>/dev/null; exit 75; fi");
        } catch (OpsException lost) {
            // the answer was lost, not necessarily the mkdir: if the lock names us, it is ours
            if (owner.equals(ownerOf(host, path))) return new RemoteLock(host, path);
            throw lost;
        }
        if (r.exit() == 75) {
            throw new OpsException(host.name() + ": another change is running (lock " + path + " held by "
                    + (r.out().isBlank() ? "unknown" : r.out().strip()) + "); wait for it, or remove " + path
                    + " if that run is gone", null, 3);
        }
        if (!r.ok()) {
            throw new OpsException(host.name() + ": cannot take lock " + path + ": " + r.firstErrorLine());
        }
        return new RemoteLock(host, path);
    }

    /** Who holds the lock, over a new connection if the last one was lost; "" when unknown. */
    private static String ownerOf(Remote host, String path) {
        try {
            return host.run("cat " + path + "/owner 2>/dev/null").out().strip();
        } catch (OpsException e) {
            return "";
        }
    }

    /** Frees the lock over the connection that took it. */
    @Override
    public void close() {
        release(host);
    }

    /**
     * Frees the lock over {@code via}, the connection that last reached the machine (after a route
     * change, the old one may hang); once more over a new connection if the first try was cut off.
     */
    public void release(Remote via) {
        try {
            via.run("rm -rf " + path);
        } catch (OpsException lost) {
            via.run("rm -rf " + path);
        }
    }
}
