package ops.realip;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import ops.base.OpsException;
import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Ran;
import ops.change.Status;
import ops.change.Step;
import ops.probe.CheckResult;
import ops.probe.MeasuredVerdict;
import ops.probe.PathCheck;
import ops.probe.SourceIpCheck;
import ops.probe.Vantage;
import ops.remote.Network;
import ops.remote.Remote;

/**
 * The real-IP gateway measured, not only predicted: source-ip-check limited to the gateway, from
 * a vantage outside the firewall's network. Every probed path of the gateway must be PRESERVED
 * (the client's own address arrived, the reply left by the gateway); anything else, or a probe
 * that cannot run, fails the change, and the executor puts everything back. It changes nothing,
 * so it takes no lock on the vantage and has no undo.
 */
final class ProbeRealIp implements Step {
    private final Network net;
    private final Host vantageHost;
    private final String gateway;
    private final SourceIpCheck.Request request;
    private final Command shown;
    private final Consumer<String> warn;

    /** @param request a source-ip-check request limited to {@code gateway} */
    ProbeRealIp(Network net, Remote vantage, String gateway, SourceIpCheck.Request request, List<String> vantageCommands, Consumer<String> warn) {
        this.net = net;
        this.vantageHost = Host.of(vantage);
        this.gateway = gateway;
        this.request = request;
        // the probes (and the echo lookup) run at once on the vantage; shown one after the other
        this.shown = Command.asLogin(String.join("; ", vantageCommands));
        this.warn = warn;
    }

    @Override
    public Host host() { return vantageHost; }

    @Override
    public String why() {
        return "probe " + gateway + "'s paths from " + vantageHost.name() + ": the server sees the client's own address and replies leave by " + gateway;
    }

    @Override
    public Command command() { return shown; }

    @Override
    public boolean changesHost() { return false; }

    /** Runs the check; exit 0 with what it measured in one line, or non-zero with what it measured (or why it could not). */
    @Override
    public Remote.Result perform(Remote host) {
        CheckResult r;
        try {
            r = new SourceIpCheck(net, new Vantage(host, vantageHost.name()), warn).run(request);
        } catch (OpsException e) {
            return new Remote.Result(3, "", "the probe could not run: " + e.getMessage());
        }
        Optional<String> wrong = judge(r, gateway);
        return wrong.map(w -> new Remote.Result(2, "", w)).orElseGet(() -> new Remote.Result(0, measured(r), ""));
    }

    /** Empty when every probed path of {@code gateway} is PRESERVED (and one was probed); else what was measured. */
    static Optional<String> judge(CheckResult r, String gateway) {
        List<PathCheck> mine = r.paths().stream().filter(p -> p.target().gateway().equals(gateway) && p.plan().isPresent()).toList();
        if (mine.isEmpty()) return Optional.of("no path of " + gateway + " could be probed (" + measured(r) + ")");
        if (mine.stream().allMatch(p -> p.verdict() == MeasuredVerdict.PRESERVED)) return Optional.empty();
        return Optional.of("expected " + r.expected() + " (" + r.expectedFrom() + ") to arrive by " + gateway + "; measured: " + measured(r));
    }

    private static String measured(CheckResult r) {
        if (r.paths().isEmpty()) return "no path";
        return String.join("; ", r.paths().stream().map(p -> p.target().label() + " " + p.target().endpoint() + " "
                + p.verdict().label + (p.note().isEmpty() ? "" : " (" + p.note() + ")")).toList());
    }

    @Override
    public Next settled(Ran ran) {
        if (ran.ok()) return Next.done(vantageHost.name() + ": " + gateway + " measured: " + ran.result().orElseThrow().out());
        String why = ran.result().map(Remote.Result::err).orElseGet(() -> ran.failure().orElseThrow().getMessage());
        return new Next.Revert(new OpsException(vantageHost.name() + ": " + gateway + " not measured as the real-IP gateway: " + why
                + "; putting everything back now", null, 2), false, Status.FAILED);
    }
}
