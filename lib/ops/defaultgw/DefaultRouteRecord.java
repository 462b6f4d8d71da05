package ops.defaultgw;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import ops.change.ChangeRecord;

/** A default-route change as recorded for confirm and rollback: what it replaced and the snippet that puts it back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class DefaultRouteRecord extends ChangeRecord {
    /** defaultgw4 before the change ("" for automatic). */
    public String previous;
    public String previousDescribed;
    /** The gateway or group set. */
    @JsonProperty("new")
    public String chosen;
    /** The PHP that puts {@link #previous} back: the armed revert's, and rollback's. */
    public String revertPhp;
    public boolean autoRevert;
}
