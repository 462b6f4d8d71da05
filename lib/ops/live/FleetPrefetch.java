package ops.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import ops.ssh.SshConnector;

/**
 * Asks `ssh -G` about a fleet's hosts one chunk at a time, as the audits reach them, one chunk
 * ahead: the first connections start after one chunk instead of after every host. Asking all
 * at once first was a serial phase before any connection (500 hosts: 2.5 s on a quiet 2-core
 * machine, 4-15 s on a busy one, where the batch's 15 s timeout then dropped every answer and
 * each host asked again on its own); now the next chunk's `ssh -G` runs while hosts are read.
 */
final class FleetPrefetch implements AutoCloseable {
    private final SshConnector ssh;
    private final List<List<String>> chunks = new ArrayList<>();
    private final Object[] locks;
    private final boolean[] done; // under locks[c]
    private final int size;
    private final ExecutorService ahead = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fleet-ssh-G");
        t.setDaemon(true);
        return t;
    });

    /** @param hosts each firewall's host specs (its own and its edges'), in the order the audits start */
    FleetPrefetch(SshConnector ssh, List<List<String>> hosts, int chunk) {
        this.ssh = ssh;
        this.size = Math.max(1, chunk);
        for (int i = 0; i < hosts.size(); i += size) {
            List<String> c = new ArrayList<>();
            hosts.subList(i, Math.min(hosts.size(), i + size)).forEach(c::addAll);
            chunks.add(c);
        }
        this.done = new boolean[chunks.size()];
        this.locks = new Object[chunks.size()];
        for (int c = 0; c < locks.length; c++) locks[c] = new Object();
    }

    /** Before auditing firewall number {@code index}: its chunk is asked (or this waits for it), the next one is started. */
    void before(int index) {
        int c = index / size;
        ensure(c);
        if (c + 1 < chunks.size()) ahead.execute(() -> ensure(c + 1));
    }

    private void ensure(int c) {
        synchronized (locks[c]) {
            if (!done[c]) {
                ssh.prefetch(chunks.get(c)); // a host it cannot answer is asked again, alone, when connecting
                done[c] = true;
            }
        }
    }

    @Override
    public void close() {
        ahead.shutdownNow();
    }
}
