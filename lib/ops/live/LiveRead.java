package ops.live;

import java.util.List;
import ops.discovery.EdgeSource;
import ops.snapshot.Snapshot;

/**
 * What a live read gives: the snapshot, and for each gateway which host was read as its edge and
 * why (the ones given by hand, and the discovered ones, some perhaps not reached).
 */
public record LiveRead(LiveTarget target, Snapshot snapshot, List<EdgeSource> edges) {

    /** One line per discovered edge that was not reached (the audit went on without it). */
    public List<String> problems() {
        return edges.stream().filter(e -> e.problem().isPresent()).map(e -> e.problem().get()).toList();
    }
}
