///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// the shared lib, compiled once for all scripts
//SOURCES ../lib/OpsLibDep.java
// javac stops at C1: a one-shot compile costs half the CPU
//COMPILE_OPTIONS -J-XX:TieredStopAtLevel=1 -encoding UTF-8
//DESCRIPTION Prove which client IP reaches the server: a real connection through each VPN edge while tcpdump on pfSense watches what arrives and where the reply leaves. Example: source-ip-check fw1 --from vps1 --compare

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import ops.cli.Cli;
import ops.cli.CommonOptions;
import ops.base.ExitStatus;
import ops.base.OpsException;
import ops.cli.OutputOptions;
import ops.cli.Target;
import ops.live.LiveNetwork;
import ops.net.IpAddress;
import ops.probe.CheckResult;
import ops.probe.SourceIpCheck;
import ops.probe.Vantage;
import ops.report.CheckReport;
import ops.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "source-ip-check",
        description = {"Measures, for every path published through a VPN edge, which client address really reaches the "
                + "server and whether the connection works: a real TCP connection (an HTTP request on HTTP ports) from this "
                + "machine or a --from host to the edge's public address, while tcpdump on the firewall watches which source "
                + "address arrives on the gateway's interface and by which interface the SYN-ACK leaves.",
                "Reads the firewall and its edges as route-audit does (the edges' DNAT rules name the published ports and "
                        + "public addresses). Changes nothing; every tcpdump it starts is bounded and stopped, also on Ctrl-C.",
                "Verdicts: PRESERVED (the real address arrived, the reply left by the same gateway, the handshake completed), "
                        + "MASQUERADED (the edge's address arrived), TRIANGULAR (arrived, the reply left by another interface, "
                        + "the handshake failed), NOT-REACHED (nothing arrived), NO-REPLY (arrived, no answer left), "
                        + "UNKNOWN (not probed, or what was seen fits none; the note says why)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:OK: every checked path is PRESERVED (and, with --compare, as predicted)",
                "1:WARNING: a path is MASQUERADED, or with --compare measured and predicted differ; none is worse",
                "2:CRITICAL: a path is TRIANGULAR, NOT-REACHED or NO-REPLY (this wins over 3: act on it first)",
                "3:UNKNOWN: a path could not be told (closed port, unreachable edge, its address unknown...) and none is "
                        + "critical; or the check could not run (bad usage, a host unreachable, no tcpdump or curl)"},
        footer = {"%nExamples:", "  source-ip-check fw1 --all --compare", "  source-ip-check fw1 --gateway EDGE2_VPNV4 --port 443 --from vps1",
                "  source-ip-check fw1 --from vps1 --expect-ip 198.51.100.7 --format nagios",
                "  source-ip-check fw1 --edge EDGE1_VPNV4=edge1 --json",
                "%nThe vantage (this machine, or the --from host over SSH) needs curl; the firewall needs tcpdump and timeout."
                        + " Probes use source ports 61000-65535 and send an X-Ops-Probe header on HTTP ports."})
class SourceIpCheckCommand implements Callable<Integer> {
    static final String DEFAULT_ECHO = SourceIpCheck.DEFAULT_ECHO;

    @Mixin CommonOptions common;

    @Option(names = "--gateway", paramLabel = "GATEWAY", description = "Check only this gateway's paths (repeatable).")
    List<String> gateways = new ArrayList<>();

    @Option(names = "--all", description = "Check every published path (the default).")
    boolean all;

    @Option(names = "--port", paramLabel = "PORT", description = "Check only paths published on this port.")
    Integer port;

    @Option(names = "--from", paramLabel = "HOST",
            description = "Probe from this SSH target (outside the firewall's network) instead of from this machine.")
    String from;

    @Option(names = "--expect-ip", paramLabel = "IP",
            description = "The client address the server should see; default: what the echo page shows the vantage, else "
                    + "the address the probes leave from.")
    String expectIp;

    @Option(names = "--echo-url", paramLabel = "URL", defaultValue = DEFAULT_ECHO,
            description = "An IP-echo page (JSON or HTML) the vantage asks for its public address (default: ${DEFAULT-VALUE}).")
    String echoUrl;

    @Option(names = "--no-echo", description = "Ask no echo page: expect the address the probes leave from.")
    boolean noEcho;

    @Option(names = "--compare", description = "Also run route-audit's prediction on the same read and flag every path where "
            + "model and measurement disagree.")
    boolean compare;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "How long a probe waits for the TCP handshake (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--http-ports", paramLabel = "PORTS", split = ",", defaultValue = "80,8080",
            description = "Published ports that get an HTTP request; others get a plain TCP connection (default: ${DEFAULT-VALUE}).")
    List<Integer> httpPorts;

    @Mixin Target.Firewall target;

    @Mixin OutputOptions output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (all && !gateways.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--all and --gateway contradict each other; pick one");
        }
        if (port != null && (port < 1 || port > 65535)) throw new ParameterException(spec.commandLine(), "--port " + port + ": not a TCP port");
        if (!(timeout > 0 && timeout <= 60)) throw new ParameterException(spec.commandLine(), "--timeout " + timeout + ": give 0.1 to 60 seconds");
        Optional<IpAddress> expected = Optional.ofNullable(expectIp).map(s -> IpAddress.tryParse(s).filter(IpAddress::isV4)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "--expect-ip " + s + ": not an IPv4 address")));
        String scheme = URI.create(echoUrl.strip()).getScheme();
        if (!noEcho && !"http".equals(scheme) && !"https".equals(scheme)) {
            throw new ParameterException(spec.commandLine(), "--echo-url " + echoUrl + ": give an http:// or https:// URL");
        }
        ops.report.Format format = output.format();
        long now = System.currentTimeMillis() / 1000;
        SourceIpCheck.Request request = new SourceIpCheck.Request(List.copyOf(gateways), Optional.ofNullable(port), expected,
                noEcho ? Optional.empty() : Optional.of(echoUrl.strip()), compare, Duration.ofMillis((long) (timeout * 1000)),
                new LinkedHashSet<>(httpPorts));
        CheckResult result;
        Consumer<String> warn = Cli.warnings(spec);
        try (LiveNetwork net = target.network(warn)) {
            Vantage vantage = from == null ? Vantage.thisMachine() : new Vantage(net.host(from), from);
            result = new SourceIpCheck(net, vantage, warn).run(request);
        } catch (OpsException e) {
            String failure = Reports.failure(CheckReport.failed(target.name(), e.getMessage()), format, now);
            if (failure != null) output.emit(failure, spec.commandLine().getOut());
            throw e;
        }
        if (!(output.quiet && result.status() == ExitStatus.OK)) {
            output.emit(Reports.render(new CheckReport(result), format, now, output.colour(format)), spec.commandLine().getOut());
        }
        return result.status().code;
    }


    public static void main(String... args) {
        System.exit(Cli.run(new SourceIpCheckCommand(), args));
    }
}
