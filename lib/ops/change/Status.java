package ops.change;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a recorded change stands; written as the words records have always held, so older records still read. */
public enum Status {
    PLANNED("planned"),
    APPLYING("applying"),
    EDGE_APPLIED("edge applied"),
    EDGE_APPLIED_UNPERSISTED("edge applied, not persisted (connection lost)"),
    APPLIED("applied"),
    AWAITING_CONFIRMATION("applied, awaiting confirmation"),
    CONFIRMED("confirmed"),
    FAILED("failed"),
    REVERTED("reverted: the firewall part failed"),
    UNDONE("undone"),
    ROLLED_BACK("rolled back");

    private final String word;

    Status(String word) { this.word = word; }

    /** The word in the record, and in messages. */
    @JsonValue
    public String word() { return word; }
}
