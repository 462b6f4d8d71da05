package ops.change;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What every change record holds: which change, of which script, on which firewall, and where it
 * stands. Each script extends it with what its undo needs; Jackson reads and writes the fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public abstract class ChangeRecord {
    public String script;
    public String id;
    public String firewall;
    public String configRevision;
    public Status status = Status.PLANNED;
}
