package ops.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import ops.base.OpsException;
import ops.snapshot.Snapshot;
import ops.ssh.CommandResult;
import ops.ssh.SshConnection;
import ops.ssh.SshConnector;

/**
 * Reads a firewall and its edges over SSH in one pass and returns the same {@link Snapshot} a
 * snapshot folder gives: one connection per host, hosts in parallel, each host's commands in
 * parallel on its connection. config.xml and the routing table are required (an
 * {@link OpsException} if they fail); every other read is optional: a one-line warning, then on.
 * A host that cannot be reached is an error: an audit silently missing an edge would mislead.
 */
public final class LiveReader {
    private static final List<RemoteRead> FIREWALL = List.of(RemoteRead.CONFIG, RemoteRead.ROUTES,
            RemoteRead.IFCONFIG, RemoteRead.GATEWAY_STATUS, RemoteRead.PF_RULES, RemoteRead.ROUTERS);
    private static final List<RemoteRead> EDGE = List.of(RemoteRead.IPTABLES, RemoteRead.NFT, RemoteRead.ADDR, RemoteRead.EDGE_ROUTES);

    private final SshConnector ssh;
    private final Consumer<String> warn;

    public LiveReader(SshConnector ssh, Consumer<String> warn) {
        this.ssh = ssh;
        this.warn = warn;
    }

    public Snapshot read(LiveTarget target) {
        java.util.List<String> specs = new ArrayList<>(List.of(target.ssh()));
        specs.addAll(target.edges().values());
        ssh.prefetch(specs);
        ExecutorService hosts = Executors.newFixedThreadPool(1 + target.edges().size(), r -> {
            Thread t = new Thread(r, "live-read");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Map<RemoteRead, ReadOutcome>> fw = hosts.submit(() -> readHost(target.ssh(), FIREWALL));
            Map<String, Future<Map<RemoteRead, ReadOutcome>>> edges = new TreeMap<>();
            target.edges().forEach((gw, host) -> edges.put(gw, hosts.submit(() -> readHost(host, EDGE))));

            List<OpsException> failures = new ArrayList<>();
            Map<RemoteRead, ReadOutcome> fwReads = await(fw, failures);
            Map<String, Map<RemoteRead, ReadOutcome>> edgeReads = new LinkedHashMap<>();
            edges.forEach((gw, f) -> {
                Map<RemoteRead, ReadOutcome> r = await(f, failures);
                if (r != null) edgeReads.put(gw, r);
            });
            if (!failures.isEmpty()) {
                String more = failures.size() > 1 ? " (and " + (failures.size() - 1) + " more host(s) failed)" : "";
                throw new OpsException(failures.get(0).getMessage() + more, failures.get(0));
            }
            return snapshot(target, fwReads, edgeReads);
        } finally {
            hosts.shutdownNow();
        }
    }

    /** One connection, one exec: every read of the host batched (see {@link Batch}). */
    private Map<RemoteRead, ReadOutcome> readHost(String spec, List<RemoteRead> reads) {
        ops.base.Trace.mark("connecting " + spec);
        try (SshConnection c = ssh.connect(spec)) {
            ops.base.Trace.mark("connected " + spec);
            Batch batch = new Batch(reads.stream().map(r -> r.commandFor(c.user())).toList());
            CommandResult all = c.run(Batch.COMMAND, batch.script(), ssh.settings().commandTimeout());
            Map<RemoteRead, ReadOutcome> out = new LinkedHashMap<>();
            if (!all.ok()) {
                for (RemoteRead read : reads) {
                    out.put(read, ReadOutcome.failed(read, c.host().where() + ": `sh -s` (running the reads) failed (" + all.failure() + ")"));
                }
                return out;
            }
            ops.base.Trace.mark("read " + spec);
            Map<Integer, CommandResult> results = batch.parse(c.host().where(), all.stdout());
            for (int i = 0; i < reads.size(); i++) {
                out.put(reads.get(i), ReadOutcome.of(reads.get(i), c.host().where(), c.user(), results.get(i)));
            }
            return out;
        }
    }

    private Snapshot snapshot(LiveTarget t, Map<RemoteRead, ReadOutcome> fw, Map<String, Map<RemoteRead, ReadOutcome>> edges) {
        String config = required(fw.get(RemoteRead.CONFIG));
        String routes = required(fw.get(RemoteRead.ROUTES));
        Map<String, Snapshot.Edge> edgeSnapshots = new TreeMap<>();
        edges.forEach((gw, reads) -> {
            ReadOutcome ipt = reads.get(RemoteRead.IPTABLES);
            ReadOutcome nft = reads.get(RemoteRead.NFT);
            EdgeRules.Kept kept = EdgeRules.choose(t.name() + "/edges/" + gw, ipt.text(), nft.text());
            if (kept.iptables().isEmpty() && kept.nftJson().isEmpty()) {
                warn.accept("warning: " + gw + ": no NAT rules read, going on without them: " + ipt.problem().orElse("")
                        + "; " + nft.problem().orElse(""));
            } else if (!kept.natFound() && nft.problem().isPresent() && !nft.problem().get().contains("not found")) {
                // iptables shows no NAT, and nft could hold native rules we could not see
                warn.accept("warning: " + nft.problem().get() + "; native nftables NAT rules, if any, are not in this audit");
            }
            edgeSnapshots.put(gw, new Snapshot.Edge(gw, kept.iptables(), kept.nftJson(),
                    optional(reads.get(RemoteRead.ADDR)), optional(reads.get(RemoteRead.EDGE_ROUTES))));
        });
        return new Snapshot(t.name(), config, routes, optional(fw.get(RemoteRead.IFCONFIG)), optional(fw.get(RemoteRead.GATEWAY_STATUS)),
                optional(fw.get(RemoteRead.PF_RULES)), optional(fw.get(RemoteRead.ROUTERS)), edgeSnapshots);
    }

    private static String required(ReadOutcome o) {
        return o.text().orElseThrow(() -> new OpsException(o.problem().orElse("") + "; the " + o.read().what()
                + " is required for an audit"));
    }

    private Optional<String> optional(ReadOutcome o) {
        o.problem().ifPresent(p -> warn.accept("warning: " + p + "; going on without the " + o.read().what()));
        return o.text();
    }

    private static <T> T await(Future<T> f, List<OpsException> failures) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            failures.add(c instanceof OpsException o ? o : new OpsException(String.valueOf(c.getMessage()), c));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted while reading hosts", e);
        }
    }
}
