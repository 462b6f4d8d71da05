package ops.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ops.base.OpsException;
import ops.live.Batch;
import ops.remote.LocalShell;
import ops.remote.Remote;
import ops.ssh.CommandResult;

/**
 * Where probes start: this machine or a host over SSH. Every probe (and the echo lookup) runs
 * at once in ONE command on the host, so they cost one round trip and overlap in time.
 */
public final class Vantage {
    private final Remote host;
    private final String name;

    public Vantage(Remote host, String name) {
        this.host = host;
        this.name = name;
    }

    public static Vantage thisMachine() {
        return new Vantage(LocalShell.here(), "this machine");
    }

    public String name() { return name; }

    /** What the probes and the echo lookup brought back. */
    public record Results(Map<ProbePlan, ProbeOutcome> outcomes, Optional<String> echoBody, String echoProblem) {}

    /** Fails in one line when the host has no curl, before anything else runs. */
    public void requireCurl() {
        Remote.Result r = host.run(CurlCommand.CHECK, "", Duration.ofSeconds(30));
        if (r.exit() == 127) {
            throw new OpsException(name + ": curl is not installed there; the probes and the echo lookup need it "
                    + "(install curl, or probe from another host with --from HOST)");
        }
        if (!r.ok()) throw new OpsException(name + ": looking for curl failed (" + r.firstErrorLine() + ")");
    }

    public Results probe(List<ProbePlan> plans, Optional<String> echoUrl, Duration connectTimeout, String marker) {
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) commands.add(CurlCommand.probe(plans.get(i), connectTimeout, marker + "-" + (i + 1)));
        Duration echoTimeout = connectTimeout.plusSeconds(3);
        echoUrl.ifPresent(u -> commands.add(CurlCommand.echo(u, echoTimeout)));
        Batch batch = Batch.parallel(commands); // probes mostly wait: all at once
        Remote.Result all = host.run(Batch.COMMAND, batch.script(), connectTimeout.plusSeconds(30));
        if (!all.ok()) throw new OpsException(name + ": the probes did not run (" + all.firstErrorLine() + ")");
        Map<Integer, CommandResult> results = batch.parse(name, all.out());
        Map<ProbePlan, ProbeOutcome> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            CommandResult r = results.get(i);
            outcomes.put(plans.get(i), CurlOutputReader.read(r.stdout(), r.stderr(), r.exitStatus().orElse(-1)));
        }
        Optional<String> body = Optional.empty();
        String problem = "";
        if (echoUrl.isPresent()) {
            CommandResult e = results.get(plans.size());
            if (e.ok()) body = Optional.of(e.stdout());
            else problem = e.failure();
        }
        return new Results(outcomes, body, problem);
    }
}
