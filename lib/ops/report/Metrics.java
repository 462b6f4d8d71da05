package ops.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ops.base.ExitStatus;

/**
 * A textfile's metrics: every target's status and last run (the renderer writes those), and
 * between them the result's own families, each gauge's HELP/TYPE once for all targets.
 *
 * @param prefix the metric names' prefix ("ops_route_audit")
 * @param what   the run, as the help texts name it ("Audit")
 */
public record Metrics(String prefix, String what, List<Target> targets, List<Family> families) {

    public record Target(String name, ExitStatus status) {}

    /** @param name the name after the prefix ("paths") */
    public record Family(String name, String help, List<Sample> samples) {}

    /**
     * @param target the target label's value; null for a sample of the whole run (a fleet's count of firewalls by status)
     * @param labels after the target's: name, value, name, value…
     */
    public record Sample(String target, List<String> labels, String value) {}

    /** A path's labels, by the matrix's names. */
    static List<String> path(String gateway, String service) {
        return List.of(PathColumn.GATEWAY.key, gateway, PathColumn.SERVICE.key, service);
    }

    /** The path_ok gauge both matrices have: 1 when the path works (PRESERVED or MASQUERADED), labelled with its verdict. */
    static Sample pathOk(String target, String gateway, String service, Enum<?> verdict, boolean works) {
        List<String> labels = new ArrayList<>(path(gateway, service));
        labels.addAll(List.of(PathColumn.VERDICT.key, verdict.name().toLowerCase(java.util.Locale.ROOT)));
        return new Sample(target, labels, works ? "1" : "0");
    }

    /** Many targets' metrics in one file: this one's families, with the samples of each part in turn. */
    Metrics with(List<Metrics> parts) {
        List<Family> merged = new ArrayList<>();
        for (Family f : families) {
            List<Sample> samples = new ArrayList<>(f.samples());
            for (Metrics m : parts) m.families().stream().filter(g -> g.name().equals(f.name())).forEach(g -> samples.addAll(g.samples()));
            merged.add(new Family(f.name(), f.help(), samples));
        }
        List<Target> all = Stream.concat(targets.stream(), parts.stream().flatMap(m -> m.targets().stream())).toList();
        return new Metrics(prefix, what, all, merged);
    }
}
