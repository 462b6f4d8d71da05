package ops.ssh.agent;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Arrays;
import net.schmizz.sshj.common.Buffer;

/**
 * One key the agent holds: its public blob as the agent gave it (what a signature request names),
 * the key sshj reads from it (a certificate reads as one of sshj's certificate keys), and the
 * comment `ssh-add` stored (usually the key file's path), which messages use to name it.
 */
public record AgentKey(byte[] blob, PublicKey key, String comment) {

    static AgentKey of(byte[] blob, String comment) throws IOException {
        try {
            return new AgentKey(blob, new Buffer.PlainBuffer(blob).readPublicKey(), comment);
        } catch (Buffer.BufferException | RuntimeException e) {
            return new AgentKey(blob, null, comment); // a key type sshj does not know (FIDO "-sk"): listed, never used
        }
    }

    /** Whether sshj can use this key (it knows the key type). */
    public boolean usable() { return key != null; }

    /** The key type as SSH names it (the blob's first string). */
    public String type() {
        try {
            return new Buffer.PlainBuffer(blob).readString();
        } catch (Buffer.BufferException e) {
            return "?";
        }
    }

    public boolean sameBlob(byte[] other) { return Arrays.equals(blob, other); }

    /** OpenSSH's fingerprint of the key: SHA256 of the blob, base64 without padding. */
    public String fingerprint() {
        try {
            return "SHA256:" + java.util.Base64.getEncoder().withoutPadding()
                    .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How messages name the key: its comment, else its type. */
    public String name() { return comment.isBlank() ? type() : comment; }
}
