package ops.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.SocketFactory;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.ChannelInputStream;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.userauth.UserAuthException;
import ops.base.OpsException;

/**
 * Opens SSH connections the way OpenSSH would for the same host: its ssh_config settings,
 * its known_hosts, its keys, and ProxyJump hops through direct-tcpip channels of the previous
 * hop (each hop resolved with its own settings and its host key checked).
 */
public final class SshConnector {
    private static final int MAX_HOPS = 8;
    /** Fires connect timeouts that no socket option can cover (reads through a jump channel). */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ssh-connect-watchdog");
        t.setDaemon(true);
        return t;
    });
    /**
     * Sockets with TCP_NODELAY, as OpenSSH sets them: without it Nagle's algorithm meets delayed
     * ACKs and every exec costs ~40 ms per round trip (measured: `true` took 200-300 ms, not ~10).
     */
    private static final SocketFactory NO_DELAY = new SocketFactory() {
        @Override
        public Socket createSocket() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket s = createSocket();
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            Socket s = createSocket();
            s.bind(new InetSocketAddress(local, localPort));
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            Socket s = createSocket();
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            Socket s = createSocket();
            s.bind(new InetSocketAddress(local, localPort));
            s.connect(new InetSocketAddress(host, port));
            return s;
        }
    };
    private static volatile DefaultConfig sharedConfig; // building it costs ~50 ms; it is read-only once built

    private final SshSettings settings;
    private final HostConfigs configs;
    private CompletableFuture<List<ConfiguredHost>> configuredHosts;

    public SshConnector(SshSettings settings) {
        this.settings = settings;
        this.configs = new HostConfigs(settings);
    }

    public SshSettings settings() { return settings; }

    /** Connects and logs in to {@code spec} (an ssh_config alias or [user@]host[:port]). */
    public SshConnection connect(String spec) {
        List<SSHClient> hops = new ArrayList<>();
        try {
            Opened target = open(SshTarget.parse(spec), Optional.empty(), hops, 0, spec);
            return new SshConnection(target.host, target.client, hops);
        } catch (RuntimeException e) {
            for (SSHClient c : hops) closeQuietly(c);
            throw e;
        }
    }

    private record Opened(HostConfig host, SSHClient client) {}

    /**
     * OpenSSH's ProxyJump rule: for `a,b` the last hop b is reached through `-J a`, so b's own
     * ProxyJump is overridden; a single hop keeps its own ProxyJump from ssh_config.
     */
    private Opened open(SshTarget target, Optional<String> jumpOverride, List<SSHClient> hops, int depth, String forWhom) {
        if (depth > MAX_HOPS) {
            throw new OpsException(forWhom + ": more than " + MAX_HOPS + " ProxyJump hops; check ssh_config for a ProxyJump loop");
        }
        HostConfig host = configs.resolve(target);
        ops.base.Trace.mark("resolved " + target.spec());
        Optional<String> jumps = jumpOverride.isPresent() ? jumpOverride : host.proxyJump();
        Duration timeout = settings.connectTimeout().or(host::connectTimeout).orElse(SshSettings.DEFAULT_CONNECT_TIMEOUT);
        int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        SSHClient client = new SSHClient(config());
        KnownHosts knownHosts = new KnownHosts(host, settings.acceptNew(),
                settings.configFile().map(f -> "ssh -F " + f).orElse("ssh"), settings.warn());
        client.addHostKeyVerifier(knownHosts);
        client.setSocketFactory(NO_DELAY);
        client.setConnectTimeout(ms);
        client.getTransport().setTimeoutMs(ms);
        AtomicBoolean timedOut = new AtomicBoolean();
        ProxyCommandSocket proxy = null;
        try {
            if (host.proxyCommand().isPresent()) {
                proxy = ProxyCommandSocket.start(host.proxyCommand().get(), settings.env());
                ProxyCommandSocket p = proxy;
                client.setSocketFactory(p.factory());
                // a pipe has no read timeout: stopping the command ends a handshake that never comes
                ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
                    timedOut.set(true);
                    p.close();
                }, ms, TimeUnit.MILLISECONDS);
                try {
                    client.connect(host.hostName(), host.port());
                } finally {
                    alarm.cancel(false);
                }
            } else if (jumps.isEmpty()) {
                client.setTimeout(ms); // covers the wait for the server's SSH banner
                client.connect(host.hostName(), host.port());
                ops.base.Trace.mark("handshake done " + target.spec());
                client.getSocket().setSoTimeout(0); // set again after login: idle reads must not kill the connection
            } else {
                List<String> list = List.of(jumps.get().split(","));
                String last = list.get(list.size() - 1).trim();
                Optional<String> before = list.size() == 1 ? Optional.empty()
                        : Optional.of(String.join(",", list.subList(0, list.size() - 1)));
                Opened via = open(SshTarget.parse(last), before, hops, depth + 1, forWhom);
                hops.add(via.client);
                DirectConnection tunnel;
                try {
                    // the jump host connects on our behalf; its answer must come within our connect timeout too
                    // (a silent address would otherwise wait for the jump host's kernel to give up)
                    via.client.getConnection().setTimeoutMs(ms);
                    tunnel = via.client.newDirectConnection(host.hostName(), host.port());
                } catch (IOException e) {
                    boolean silent = SshFailure.cause(e).toLowerCase(java.util.Locale.ROOT).contains("timeout");
                    String m = via.host.where() + ": jump host could not open a connection to " + host.hostName() + ":" + host.port()
                            + " for " + host.alias() + " (" + (silent ? "no answer within " + timeout.toSeconds() + " s" : SshFailure.cause(e))
                            + "); check the address from the jump host and AllowTcpForwarding there";
                    throw silent ? OpsException.explaining(m, e) : new OpsException(m, e);
                }
                ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
                    timedOut.set(true);
                    ((ChannelInputStream) tunnel.getInputStream()).eof();
                }, ms, TimeUnit.MILLISECONDS);
                try {
                    client.connectVia(tunnel);
                } finally {
                    alarm.cancel(false);
                }
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            if (e instanceof OpsException o) throw o;
            OpsException failure = proxy != null && !timedOut.get() && knownHosts.problem().isEmpty()
                    ? SshFailure.proxyCommand(host, proxy, e)
                    : SshFailure.connect(host, e, timeout, timedOut.get(), knownHosts);
            throw depth == 0 ? failure : SshFailure.viaJump(failure, forWhom, e);
        }
        Identities.Loaded ids = Identities.load(client, host, settings);
        ops.base.Trace.mark("keys loaded " + target.spec());
        try {
            if (ids.keys().isEmpty()) throw new UserAuthException("no keys");
            client.auth(host.user(), ids.keys());
        } catch (UserAuthException e) {
            closeQuietly(client);
            OpsException failure = SshFailure.auth(host, e, ids);
            throw depth == 0 ? failure : SshFailure.viaJump(failure, forWhom, e);
        } catch (IOException e) {
            closeQuietly(client);
            OpsException failure = SshFailure.connect(host, e, timeout, false, knownHosts);
            throw depth == 0 ? failure : SshFailure.viaJump(failure, forWhom, e);
        }
        return new Opened(host, client);
    }

    /**
     * The Hosts the user's ssh_config names and where each leads, in the files' order, asked once
     * per connector (on a thread of its own: it is local work that overlaps the network reads).
     */
    public synchronized CompletableFuture<List<ConfiguredHost>> configuredHosts() {
        if (configuredHosts == null) {
            CompletableFuture<List<ConfiguredHost>> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    List<Path> files = settings.configFile().map(List::of)
                            .orElse(List.of(settings.home().resolve(".ssh/config"), Path.of("/etc/ssh/ssh_config")));
                    List<String> aliases = SshConfigFile.hostAliases(files, settings.home());
                    Map<String, String> names = configs.hostNames(aliases);
                    f.complete(aliases.stream().filter(names::containsKey).map(a -> new ConfiguredHost(a, names.get(a))).toList());
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            }, "ssh-config-hosts");
            t.setDaemon(true);
            t.start();
            configuredHosts = f;
        }
        return configuredHosts;
    }

    /** Resolves many hosts' settings at once (one `ssh -G` after another), before connecting to them. */
    public void prefetch(java.util.Collection<String> specs) {
        configs.prefetch(specs.stream().map(SshTarget::parse).toList());
    }

    /** Builds the shared sshj configuration now (crypto providers, algorithm lists): ~100 ms off the first connect. */
    public static void prepare() {
        config();
    }

    private static DefaultConfig config() {
        DefaultConfig c = sharedConfig;
        if (c == null) {
            synchronized (SshConnector.class) {
                // Java 17's own providers do every algorithm we negotiate (curve25519, ed25519, ecdsa, rsa-sha2,
                // aes-gcm/ctr); registering BouncyCastle as a JCA provider costs ~250 ms at start for nothing.
                // Its classes stay on the class path for what sshj parses directly (PEM/PKCS#8 key files), and
                // BouncyCastle's one algorithm name sshj asks the JCA for ("ECDSA") maps to the JDK's EC.
                net.schmizz.sshj.common.SecurityUtils.setRegisterBouncyCastle(false);
                EcdsaAlias.install();
                if (sharedConfig == null) {
                    DefaultConfig fresh = new DefaultConfig();
                    RsaCertAlgorithms.install(fresh);
                    // sshj's own host-certificate check trusts whatever CA signed it and knows no HostKeyAlias;
                    // KnownHosts checks against the @cert-authority lines, as ssh does
                    fresh.setVerifyHostKeyCertificates(false);
                    sharedConfig = fresh;
                }
                c = sharedConfig;
            }
        }
        return c;
    }

    private static void closeQuietly(SSHClient c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }
}
