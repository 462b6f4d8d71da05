package ops.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import ops.base.OpsException;
import ops.discovery.EdgeDiscovery;
import ops.discovery.EdgeSource;
import ops.model.Gateway;
import ops.model.TopologyBuilder;
import ops.pfsense.ConfigXmlReader;
import ops.pfsense.PfSenseConfig;
import ops.snapshot.Snapshot;
import ops.ssh.CommandResult;
import ops.ssh.ConfiguredHost;
import ops.ssh.HostKeyRefused;
import ops.ssh.SshConnection;
import ops.ssh.SshConnector;

/**
 * Reads a firewall and its edges over SSH in one pass and returns the same {@link Snapshot} a
 * snapshot folder gives: one connection per host, hosts in parallel, each host's commands in
 * parallel on its connection. config.xml and the routing table are required (an
 * {@link OpsException} if they fail); every other read is optional: a one-line warning, then on.
 * A host the user named that cannot be reached is an error: an audit silently missing an edge
 * would mislead. A discovered edge that cannot be reached is said in one line and left unread.
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

    /**
     * Reads the firewall and the named edges side by side; then, from the firewall's config.xml,
     * finds the edges of the other VPN gateways ({@link EdgeDiscovery}) and reads those side by side.
     * A named edge that cannot be read fails the read, as does any refused host key; a discovered
     * edge that cannot be reached is one line in {@link LiveRead#problems()} and the read goes on.
     */
    public LiveRead read(LiveTarget target) {
        // the Hosts ssh_config names: local work, started beside the firewall's read when nothing names an edge (the
        // one-liner: they will be needed); when some are named, only once config.xml shows a gateway that is not
        CompletableFuture<List<ConfiguredHost>> inConfig = target.discover() && target.edges().isEmpty() ? ssh.configuredHosts() : null;
        java.util.List<String> specs = new ArrayList<>(List.of(target.ssh()));
        specs.addAll(target.edges().values());
        ssh.prefetch(specs);
        ExecutorService hosts = Executors.newCachedThreadPool(r -> {
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
            Map<String, EdgeSource> sources = new TreeMap<>(target.named());
            Map<String, Future<Map<RemoteRead, ReadOutcome>>> found = new TreeMap<>();
            Optional<String> xml = fwReads == null ? Optional.empty() : fwReads.get(RemoteRead.CONFIG).text();
            if (target.discover() && xml.isPresent()) {
                for (EdgeSource s : discover(target, xml.get(), inConfig)) sources.put(s.gateway(), s);
                List<EdgeSource> toRead = sources.values().stream().filter(EdgeSource::discovered).toList();
                ssh.prefetch(toRead.stream().map(s -> s.host().get()).distinct().toList());
                for (EdgeSource s : toRead) found.put(s.gateway(), hosts.submit(() -> readHost(s.host().get(), EDGE)));
            }
            Map<String, Map<RemoteRead, ReadOutcome>> edgeReads = new TreeMap<>();
            edges.forEach((gw, f) -> {
                Map<RemoteRead, ReadOutcome> r = await(f, failures);
                if (r != null) edgeReads.put(gw, r);
            });
            found.forEach((gw, f) -> {
                try {
                    edgeReads.put(gw, f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof HostKeyRefused refused) {
                        // never skipped: accepting a key is the user's decision; say which gateway led here
                        failures.add(OpsException.explaining(sources.get(gw).line() + ": " + refused.getMessage(), refused));
                    } else if (e.getCause() instanceof OpsException o) {
                        sources.put(gw, sources.get(gw).unreached(o.getMessage())); // the audit goes on without it (RA112)
                    } else {
                        await(f, failures);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OpsException("interrupted while reading hosts", e);
                }
            });
            if (!failures.isEmpty()) {
                String more = failures.size() > 1 ? " (and " + (failures.size() - 1) + " more host(s) failed)" : "";
                throw new OpsException(failures.get(0).getMessage() + more, failures.get(0));
            }
            return new LiveRead(target, snapshot(target, fwReads, edgeReads), List.copyOf(sources.values()));
        } finally {
            hosts.shutdownNow();
        }
    }

    /** Which host stands behind each gateway the target does not name: config.xml first, then ssh_config's Hosts if needed. */
    private List<EdgeSource> discover(LiveTarget target, String xml, CompletableFuture<List<ConfiguredHost>> inConfig) {
        PfSenseConfig config = ConfigXmlReader.read(target.name() + "/" + Snapshot.CONFIG, xml);
        List<Gateway> gateways = TopologyBuilder.gateways(config);
        boolean needHosts = EdgeDiscovery.unnamed(config, gateways, target.named()).values().stream().anyMatch(l -> l.server().isPresent());
        List<ConfiguredHost> hosts = needHosts ? join(inConfig != null ? inConfig : ssh.configuredHosts()) : List.of();
        return EdgeDiscovery.choose(config, gateways, target.named(), hosts, new java.util.HashSet<>(List.of(target.ssh(), target.name())));
    }

    private static List<ConfiguredHost> join(CompletableFuture<List<ConfiguredHost>> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof OpsException o) throw o;
            throw new OpsException("reading ssh_config's Hosts failed (" + e.getCause() + ")", e.getCause());
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
