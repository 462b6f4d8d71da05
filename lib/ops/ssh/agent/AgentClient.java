package ops.ssh.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.common.Buffer;

/**
 * The client half of the ssh-agent protocol (draft-miller-ssh-agent): list the agent's keys and
 * ask it to sign. Only these two requests: the toolkit never adds or removes keys. Java 16+ speaks
 * Unix domain sockets itself, so this works with OpenSSH's agent and everything that imitates it
 * (gpg-agent, 1Password, KeePassXC, a forwarded agent). One socket connection per request, so
 * hosts logging in in parallel never share a half-read answer.
 *
 * <p>sshj 0.40.0 has no agent client; sshj merged one upstream (hierynomus/sshj PR #1042). Once
 * a release carries it, this package can give way to it: the rest of ops.ssh only sees
 * {@link AuthAgent}, an sshj AuthMethod.
 */
public final class AgentClient {
    private static final byte FAILURE = 5;
    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;
    /** Sign flags: the SHA-2 signatures of an RSA key (RFC 8332); without them an agent signs ssh-rsa (SHA-1). */
    public static final int RSA_SHA2_256 = 2;
    public static final int RSA_SHA2_512 = 4;
    private static final int MAX_ANSWER = 256 * 1024; // OpenSSH's own limit on an agent message

    private final Path socket;

    public AgentClient(Path socket) { this.socket = socket; }

    /** The socket, for messages. */
    public Path socket() { return socket; }

    /** The keys (and certificates) the agent holds, in its order. */
    public List<AgentKey> identities() throws IOException {
        Buffer.PlainBuffer answer = ask(new Buffer.PlainBuffer().putByte(REQUEST_IDENTITIES));
        byte type = answer.readByte();
        if (type != IDENTITIES_ANSWER) throw new IOException("the agent answered " + type + " to a list of keys");
        try {
            long n = answer.readUInt32();
            List<AgentKey> keys = new ArrayList<>();
            for (long i = 0; i < n; i++) keys.add(AgentKey.of(answer.readBytes(), answer.readString()));
            return keys;
        } catch (Buffer.BufferException e) {
            throw new IOException("the agent's list of keys is cut short", e);
        }
    }

    /**
     * The agent's signature blob (string algorithm, string signature) over {@code data}.
     *
     * @throws Refused the agent said no (a key added with `ssh-add -c` whose use was denied, a locked agent)
     */
    public byte[] sign(byte[] keyBlob, byte[] data, int flags) throws IOException {
        Buffer.PlainBuffer answer = ask(new Buffer.PlainBuffer().putByte(SIGN_REQUEST).putBytes(keyBlob).putBytes(data).putUInt32(flags));
        byte type = answer.readByte();
        if (type == FAILURE) throw new Refused();
        if (type != SIGN_RESPONSE) throw new IOException("the agent answered " + type + " to a signature request");
        try {
            return answer.readBytes();
        } catch (Buffer.BufferException e) {
            throw new IOException("the agent's signature is cut short", e);
        }
    }

    /** The agent answered SSH_AGENT_FAILURE to a signature request. */
    public static final class Refused extends IOException {
        Refused() { super("the agent refused to sign"); }
    }

    private Buffer.PlainBuffer ask(Buffer.PlainBuffer request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            byte[] body = request.getCompactData();
            ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
            while (out.hasRemaining()) ch.write(out);
            ByteBuffer len = read(ch, 4);
            int n = len.getInt();
            if (n <= 0 || n > MAX_ANSWER) throw new IOException("the agent sent a message of " + n + " bytes");
            ByteBuffer msg = read(ch, n);
            return new Buffer.PlainBuffer(msg.array());
        }
    }

    private static ByteBuffer read(SocketChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) throw new IOException("the agent closed the connection mid-answer");
        }
        return b.flip();
    }
}
