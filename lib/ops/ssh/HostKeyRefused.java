package ops.ssh;

import ops.base.OpsException;

/**
 * A host's key was refused (unknown, changed or revoked; also a jump host's): the message names
 * the host, the key's fingerprint and how to accept it. Callers that may skip a host they could
 * not reach never skip this one: it is the user's decision, and a changed key may be an attack.
 */
public final class HostKeyRefused extends OpsException {
    HostKeyRefused(String message, Throwable cause) {
        super(message, cause, true);
    }
}
