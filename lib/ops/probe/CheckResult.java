package ops.probe;

import java.util.List;
import ops.base.ExitStatus;
import ops.net.IpAddress;

/**
 * What one source-ip-check run measured.
 *
 * @param vantage      where the probes came from ("this machine", or the --from host)
 * @param expected     the client address the server should see
 * @param expectedFrom how it was learned ("--expect-ip", "the echo page URL", "the probes' source address")
 * @param devices      the firewall's interfaces that were captured, and how
 * @param compared     whether route-audit's prediction was asked for (--compare)
 * @param landscape    the firewall's gateways, edges and groups, for the diagram the paths are drawn over
 */
public record CheckResult(String target, String vantage, IpAddress expected, String expectedFrom, List<CapturedDevice> devices,
                          List<PathCheck> paths, boolean compared, long tookMs, ops.audit.Landscape landscape) {

    public CheckResult(String target, String vantage, IpAddress expected, String expectedFrom, List<CapturedDevice> devices,
                       List<PathCheck> paths, boolean compared, long tookMs) {
        this(target, vantage, expected, expectedFrom, devices, paths, compared, tookMs, ops.audit.Landscape.NONE);
    }

    /**
     * CRITICAL when any path is (TRIANGULAR, NOT-REACHED, NO-REPLY); else UNKNOWN when any could not be
     * told; else WARNING when any is MASQUERADED or measured other than predicted; else OK. A path
     * that is down outranks one that could not be checked: that is the one to act on.
     */
    public ExitStatus status() {
        if (paths.stream().anyMatch(p -> p.verdict().status == ExitStatus.CRITICAL)) return ExitStatus.CRITICAL;
        if (paths.stream().anyMatch(p -> p.verdict().status == ExitStatus.UNKNOWN)) return ExitStatus.UNKNOWN;
        if (paths.stream().anyMatch(p -> p.verdict().status == ExitStatus.WARNING || p.disagrees())) return ExitStatus.WARNING;
        return ExitStatus.OK;
    }

    public long count(MeasuredVerdict v) {
        return paths.stream().filter(p -> p.verdict() == v).count();
    }

    public long disagreements() {
        return paths.stream().filter(PathCheck::disagrees).count();
    }
}
