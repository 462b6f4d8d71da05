package ops.audit;

import java.util.Optional;

/** One firewall's outcome in a fleet audit: an audit, or the one-line reason there is none. */
public record FleetOutcome(String firewall, Optional<AuditResult> audit, Optional<String> failure) {}
