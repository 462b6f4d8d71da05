package ops.ssh.agent;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * Public-key login with a key the agent holds: sshj's own AuthPublickey does the protocol (query
 * first, the algorithm the server accepts, rsa-sha2-512 then -256 for RSA), only the signature
 * comes from the agent instead of a private key in memory. The agent may refuse (a key added with
 * `ssh-add -c` whose use was denied): that is a {@link Refused}, and the login goes on with the
 * next key, as OpenSSH's does.
 */
public final class AuthAgent extends AuthPublickey {
    private final AgentClient agent;
    private final AgentKey key;
    private final String name;
    private volatile Refused refused;

    /**
     * @param key   the agent's key that signs
     * @param shown what the server is shown: that key, or a certificate of it (from a file)
     * @param name  how messages name it (the agent's comment, or the certificate's file)
     */
    public AuthAgent(AgentClient agent, AgentKey key, PublicKey shown, String name) {
        super(provider(shown, name));
        this.agent = agent;
        this.key = key;
        this.name = name;
    }

    /** The agent's refusal to sign, if it refused during this login. */
    public java.util.Optional<Refused> refused() { return java.util.Optional.ofNullable(refused); }

    /** The agent declined to sign with this key; the message names the key and the agent. */
    public static final class Refused extends UserAuthException {
        Refused(String message, Throwable cause) { super(message, cause); }
    }

    @Override
    protected SSHPacket putSig(SSHPacket reqBuf) throws UserAuthException {
        String algorithm = algorithmOf(reqBuf);
        byte[] data = new Buffer.PlainBuffer().putString(params.getTransport().getSessionID()).putBuffer(reqBuf).getCompactData();
        try {
            reqBuf.putBytes(agent.sign(key.blob(), data, flags(algorithm)));
        } catch (AgentClient.Refused e) {
            refused = new Refused("the agent at " + agent.socket() + " refused to sign with " + key.type() + " key " + key.fingerprint() + " (" + name + ")", e);
            throw refused;
        } catch (IOException e) {
            throw new UserAuthException("the agent at " + agent.socket() + " failed to sign with " + name + " (" + e.getMessage() + ")", e);
        }
        return reqBuf;
    }

    /** rsa-sha2-512/256 ask the agent for that hash by flag; every other algorithm is named by the key itself. */
    static int flags(String algorithm) {
        if (algorithm.startsWith("rsa-sha2-512")) return AgentClient.RSA_SHA2_512;
        if (algorithm.startsWith("rsa-sha2-256")) return AgentClient.RSA_SHA2_256;
        return 0;
    }

    /** The algorithm sshj chose for this request: the packet is byte 50, user, service, "publickey", true, algorithm, blob. */
    private static String algorithmOf(SSHPacket req) throws UserAuthException {
        try {
            Buffer.PlainBuffer b = new Buffer.PlainBuffer(req.getCompactData());
            b.readByte();
            b.readString();
            b.readString();
            b.readString();
            b.readBoolean();
            return b.readString();
        } catch (Buffer.BufferException e) {
            throw new UserAuthException("cannot read back the login request", e);
        }
    }

    private static KeyProvider provider(PublicKey shown, String name) {
        return new KeyProvider() {
            @Override
            public PrivateKey getPrivate() throws IOException {
                throw new IOException("the private key stays in the agent");
            }

            @Override
            public PublicKey getPublic() { return shown; }

            @Override
            public KeyType getType() { return KeyType.fromKey(shown); }

            @Override
            public String toString() { return name; }
        };
    }
}
