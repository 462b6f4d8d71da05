package ops.change;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a recorded change stands; written as the words records have always held. */
public enum Status {
    @JsonProperty("planned") PLANNED,
    @JsonProperty("applying") APPLYING,
    @JsonProperty("edge applied") EDGE_APPLIED,
    @JsonProperty("edge applied, not persisted (connection lost)") EDGE_APPLIED_UNPERSISTED,
    @JsonProperty("applied") APPLIED,
    @JsonProperty("applied, awaiting confirmation") AWAITING_CONFIRMATION,
    @JsonProperty("confirmed") CONFIRMED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("reverted: the firewall part failed") REVERTED,
    @JsonProperty("undone") UNDONE,
    @JsonProperty("rolled back") ROLLED_BACK;

    /** The word in the record, for messages. */
    public String word() {
        try {
            return Status.class.getField(name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
