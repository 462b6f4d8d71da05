package ops.audit;

import java.util.Optional;
import ops.model.Gateway;
import ops.pfsense.PfSenseConfig;

/**
 * A path row plus the facts behind it, for the checks that turn paths into findings.
 *
 * @param assumption set when the verdict is UNKNOWN because the path rests on something not read: why
 */
record TracedPath(PathRow row, Gateway gateway, Optional<PassRule> passRule, Optional<ReplyTo> replyTo,
                  Optional<PfSenseConfig.PortForward> forward, EdgeNatPaths.Masquerade.State masquerade,
                  Optional<String> assumption) {

    TracedPath(PathRow row, Gateway gateway, Optional<PassRule> passRule, Optional<ReplyTo> replyTo,
               Optional<PfSenseConfig.PortForward> forward, EdgeNatPaths.Masquerade.State masquerade) {
        this(row, gateway, passRule, replyTo, forward, masquerade, Optional.empty());
    }

    /** The same path, noting an assumption its verdict stands on. */
    TracedPath assuming(String why) {
        return new TracedPath(row, gateway, passRule, replyTo, forward, masquerade, Optional.of(why));
    }

    /** The server sees the real client address (whether or not replies make it back). */
    boolean keepsClientIp() { return masquerade == EdgeNatPaths.Masquerade.State.NOT; }
}
