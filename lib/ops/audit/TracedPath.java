package ops.audit;

import java.util.Optional;
import ops.model.Gateway;
import ops.pfsense.PfSenseConfig;

/** A path row plus the facts behind it, for the checks that turn paths into findings. */
record TracedPath(PathRow row, Gateway gateway, Optional<PassRule> passRule, Optional<ReplyTo> replyTo,
                  Optional<PfSenseConfig.PortForward> forward, EdgeNatPaths.Masquerade.State masquerade) {

    /** The server sees the real client address (whether or not replies make it back). */
    boolean keepsClientIp() { return masquerade == EdgeNatPaths.Masquerade.State.NOT; }
}
