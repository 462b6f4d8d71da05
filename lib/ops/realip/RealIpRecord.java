package ops.realip;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import ops.change.ChangeRecord;
import ops.defaultgw.DefaultRouteRecord;
import ops.nat.NatRecord;

/**
 * A real-ip change as recorded for confirm and undo: one record for the whole fix, holding each
 * part as its own script records it (default-route's, nat-toggle's), so their undo data is theirs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class RealIpRecord extends ChangeRecord {
    /** The gateway made the one real-IP gateway. */
    public String gateway;
    /** The other gateways turned to masquerade first; their undo turns it off again. */
    public List<NatRecord> masqueraded = new ArrayList<>();
    /** The default route's move; absent when it was on the gateway already. */
    public DefaultRouteRecord defaultRoute;
    /** The gateway's own masquerade turned off; absent when it did not masquerade. */
    public NatRecord realIp;
    /** The last state verified on the way, in words ("nothing changed yet" first). */
    public String reached;
}
