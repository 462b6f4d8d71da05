package ops.base;

import java.util.List;

/** The environment our child processes (ssh -G, local shells) get: ours, minus the secrets meant for us alone. */
public final class ChildEnv {
    private ChildEnv() {}

    /** Environment variables that hold secrets (the SSH key passphrase). */
    public static final List<String> SECRETS = List.of("OPS_SSH_PASSPHRASE");

    public static ProcessBuilder scrubbed(ProcessBuilder pb) {
        SECRETS.forEach(pb.environment()::remove);
        return pb;
    }
}
