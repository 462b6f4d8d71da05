package ops.nat;

import java.time.Duration;
import java.util.Optional;
import ops.base.OpsException;
import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Ran;
import ops.change.Step;

/**
 * Saves the edge's running rules the way the edge persists them, after a backup of the file.
 * A save that fails leaves the change live and says so; a lost answer is told like the edit's.
 */
final class EdgePersist implements Step {
    private final EdgeSide edge;
    private final Persistence persistence;
    private final String stamp;
    private final Optional<NatRecord> record;
    private final Optional<EdgeApply> edit;

    /**
     * @param stamp  names the backup file (FILE.ops-STAMP)
     * @param record the change's record, told how the rules were persisted (none for a put-back or an undo)
     * @param edit   the edit it persists, whose state a lost answer reports (none: the failure as it is)
     */
    EdgePersist(EdgeSide edge, Persistence persistence, String stamp, Optional<NatRecord> record, Optional<EdgeApply> edit) {
        if (!persistence.persists()) throw new IllegalArgumentException("nothing persists the rules on " + edge.host().name());
        this.edge = edge;
        this.persistence = persistence;
        this.stamp = stamp;
        this.record = record;
        this.edit = edit;
    }

    @Override
    public Host host() { return edge.host(); }

    @Override
    public String why() { return "persist: " + persistence.describe(); }

    @Override
    public Command command() {
        return Command.rootScript(persistence.saveCommand(stamp).orElseThrow()).within(Duration.ofSeconds(30));
    }

    @Override
    public Next settled(Ran ran) {
        if (ran.ok()) {
            record.ifPresent(r -> r.persisted = persistence.describe());
            return Next.done(record.isEmpty() ? "" : host().name() + ": persisted with " + persistence.describe()
                    + ", previous file kept as " + persistence.backupOf(stamp));
        }
        if (ran.answered()) {
            record.ifPresent(r -> r.persisted = "");
            return Next.done("warning: " + host().name() + ": the change is live but was not persisted ("
                    + ran.result().orElseThrow().firstErrorLine() + "); run `" + persistence.saveCommand(stamp).orElseThrow() + "` by hand");
        }
        OpsException lost = ran.failure().orElseThrow();
        return edit.map(e -> e.tell(lost, e.verify().orElseThrow().run())).orElse(Next.fail(lost));
    }
}
