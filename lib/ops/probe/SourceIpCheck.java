package ops.probe;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.audit.Verdict;
import ops.base.OpsException;
import ops.model.Gateway;
import ops.model.Topology;
import ops.model.TopologyBuilder;
import ops.net.IpAddress;
import ops.remote.Network;
import ops.route.Route;

/**
 * source-ip-check: reads the firewall and its edges as route-audit does, then for each published
 * path sends a real connection from the vantage to the edge's public address while tcpdump on
 * the firewall watches which source address arrives and by which interface the answer leaves.
 * The verdicts come from {@link Judge}; with --compare, route-audit's prediction for the same
 * read stands beside each.
 */
public final class SourceIpCheck {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The IP-echo page a vantage asks for its public address unless told otherwise. */
    public static final String DEFAULT_ECHO = "https://api.ipify.org?format=json";

    /**
     * @param gateways  only these gateways (empty: all)
     * @param port      only paths published on this port
     * @param expectIp  the client address the server should see; else the echo page's, else the probes' source
     * @param echoUrl   an IP-echo page to ask from the vantage
     * @param timeout   how long a probe waits for the TCP handshake
     * @param httpPorts published ports that get an HTTP request (others: a plain TCP connection)
     */
    public record Request(List<String> gateways, Optional<Integer> port, Optional<IpAddress> expectIp, Optional<String> echoUrl,
                          boolean compare, Duration timeout, Set<Integer> httpPorts) {}

    /** How long a tcpdump on the firewall may live beyond the probes' own timeout, whatever happens here. */
    private static final Duration CAPTURE_MARGIN = Duration.ofSeconds(45);

    private final Network net;
    private final Vantage vantage;
    private final Consumer<String> warn;

    public SourceIpCheck(Network net, Vantage vantage, Consumer<String> warn) {
        this.net = net;
        this.vantage = vantage;
        this.warn = warn;
    }

    public CheckResult run(Request r) {
        long t0 = System.nanoTime();
        Topology t = TopologyBuilder.build(net.read());
        AuditResult audit = Analyzer.analyze(t);
        List<ProbeTarget> targets = ProbeTargets.select(t, audit.paths(), r.gateways(), r.port());
        List<ProbePlan> plans = ProbePlan.allocate(targets, r.httpPorts(), RANDOM::nextInt);

        Map<String, CapturedDevice> captured = Map.of();
        Vantage.Results results = new Vantage.Results(Map.of(), Optional.empty(), "");
        if (!plans.isEmpty()) {
            vantage.requireCurl();
            try (FirewallCapture capture = FirewallCapture.start(net.firewall(), devices(t), ProbePlan.span(plans),
                    r.timeout().plus(CAPTURE_MARGIN))) {
                results = vantage.probe(plans, r.expectIp().isPresent() ? Optional.empty() : r.echoUrl(), r.timeout(), capture.marker());
                captured = capture.stop();
            }
        }
        Expected expected = expected(r, results);
        List<Packet> packets = captured.values().stream().flatMap(d -> d.packets().stream()).toList();
        for (CapturedDevice d : captured.values()) {
            if (d.dropped() > 0) warn.accept("warning: " + d.device() + ": the kernel dropped " + d.dropped() + " captured packets");
        }

        List<PathCheck> checks = new ArrayList<>();
        for (int i = 0, k = 0; i < targets.size(); i++) {
            ProbeTarget target = targets.get(i);
            Optional<Verdict> predicted = r.compare() ? Optional.of(target.prediction().verdict()) : Optional.empty();
            if (!target.probeable()) {
                checks.add(new PathCheck(target, Optional.empty(), Optional.empty(), new Observation(Optional.empty(), Optional.empty()),
                        MeasuredVerdict.UNKNOWN, target.addressFrom() + "; not probed", predicted));
                continue;
            }
            ProbePlan plan = plans.get(k++);
            ProbeOutcome outcome = results.outcomes().get(plan);
            Observation seen = Observation.find(packets, target, plan.ports());
            Judge.Judgement j = Judge.decide(target, outcome, seen, captured, expected.address(), vantage.name());
            checks.add(new PathCheck(target, Optional.of(plan), Optional.of(outcome), seen, j.verdict(), j.note(), predicted));
        }
        long took = (System.nanoTime() - t0) / 1_000_000;
        return new CheckResult(t.name(), vantage.name(), expected.address(), expected.from(), List.copyOf(captured.values()),
                checks, r.compare(), took, audit.landscape());
    }

    /**
     * The commands a run of {@code r} on {@code t} has the vantage run, for a plan to show: the
     * source ports (lowest block here) and the X-Ops-Probe marker are picked when it runs. Fails in
     * one line when no selected path can be probed: a measurement of nothing proves nothing.
     */
    public static List<String> vantageCommands(Topology t, Request r) {
        List<ProbeTarget> targets = ProbeTargets.select(t, Analyzer.analyze(t).paths(), r.gateways(), r.port());
        List<ProbePlan> plans = ProbePlan.allocate(targets, r.httpPorts(), n -> 0);
        if (plans.isEmpty()) {
            throw new OpsException(t.name() + ": no path of " + String.join(", ", r.gateways()) + " can be probed ("
                    + String.join("; ", targets.stream().map(x -> x.label() + ": " + x.addressFrom()).toList()) + ")");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) out.add(CurlCommand.probe(plans.get(i), r.timeout(), "MARKER-" + (i + 1)));
        if (r.expectIp().isEmpty()) r.echoUrl().ifPresent(u -> out.add(CurlCommand.echo(u, r.timeout().plusSeconds(3))));
        return out;
    }

    private record Expected(IpAddress address, String from) {}

    /** --expect-ip, else what the echo page showed the vantage, else where the probes left from. */
    private Expected expected(Request r, Vantage.Results results) {
        if (r.expectIp().isPresent()) return new Expected(r.expectIp().get(), "--expect-ip");
        if (r.echoUrl().isPresent()) {
            String url = r.echoUrl().get();
            if (results.echoBody().isPresent()) {
                try {
                    return new Expected(EchoPageReader.read(url, results.echoBody().get()), "the echo page " + url);
                } catch (OpsException e) {
                    warn.accept("warning: " + e.getMessage() + "; expecting the probes' source address instead");
                }
            } else if (!results.echoProblem().isEmpty()) {
                warn.accept("warning: " + vantage.name() + " could not read the echo page " + url + " (" + results.echoProblem()
                        + "); expecting the probes' source address instead");
            }
        }
        Optional<IpAddress> local = results.outcomes().values().stream().flatMap(o -> o.localAddress().stream()).findFirst();
        if (local.isPresent()) return new Expected(local.get(), "the probes' source address");
        return new Expected(IpAddress.v4(0), "unknown (no probe connected and no --expect-ip)");
    }

    /** Where a path's packets can pass: every gateway's interface, and the default route's (replies to clients follow it). */
    static List<String> devices(Topology t) {
        Set<String> out = new LinkedHashSet<>();
        for (Gateway g : t.gateways()) {
            if (g.isV4() && !g.disabled() && CaptureScript.validDevice(g.device())) out.add(g.device());
        }
        t.routes().routes(IpAddress.Family.INET).stream().filter(Route::isDefault).map(Route::netif)
                .filter(CaptureScript::validDevice).forEach(out::add);
        if (out.isEmpty()) throw new OpsException(t.name() + ": no gateway interface to capture on; is this the right firewall?");
        return List.copyOf(out);
    }
}
