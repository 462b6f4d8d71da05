package ops.audit;

import java.util.List;

/**
 * One published path, edge DNAT → gateway → port forward → server, and the prediction for it.
 *
 * @param service     "tcp/443" as published on the edge
 * @param edgeRule    the edge's DNAT rule (its text), or "" when the edge was not read
 * @param edgeSendsTo   the address:port the edge sends it to (inside the tunnel)
 * @param server      where pfSense delivers it (after its port forward), or "" when blocked
 * @param serverSees    what the server sees: "client", the edge's address, or "unknown"
 * @param replyLeavesBy    the gateway replies leave by, with "(reply-to)" when pf pins them
 * @param passRule    the pfSense rule that passes it ("" when none) for people to find it
 * @param notes       why, in short phrases
 */
public record PathRow(String gateway, String service, String edgeRule, String edgeSendsTo, String server,
                      String serverSees, String replyLeavesBy, boolean replyTo, String passRule, Verdict verdict,
                      List<String> notes) {}
