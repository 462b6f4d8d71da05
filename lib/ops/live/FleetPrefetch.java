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
    private final List<Chunk> chunks = new ArrayList<>();
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
            chunks.add(new Chunk(c));
        }
    }

    /** Before auditing firewall number {@code index}: its chunk is asked (or this waits for it), the next one is started. */
    void before(int index) {
        int c = index / size;
        chunks.get(c).ask();
        if (c + 1 < chunks.size()) ahead.execute(chunks.get(c + 1)::ask);
    }

    @Override
    public void close() {
        ahead.shutdownNow();
    }

    /** The hosts of consecutive firewalls, asked about once, by whichever comes first: an audit or the look-ahead. */
    private final class Chunk {
        private final List<String> hosts;
        private boolean asked; // under this

        Chunk(List<String> hosts) {
            this.hosts = hosts;
        }

        synchronized void ask() {
            if (asked) return;
            ssh.prefetch(hosts); // a host it cannot answer is asked again, alone, when connecting
            asked = true;
        }
    }
}
