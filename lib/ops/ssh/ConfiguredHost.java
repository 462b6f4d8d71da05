package ops.ssh;

/**
 * A {@code Host} the user's ssh_config names (a pattern without wildcards or negation) and the
 * HostName it resolves to, as `ssh -G ALIAS` prints it (HostName, %h tokens and Match applied).
 */
public record ConfiguredHost(String alias, String hostName) {}
