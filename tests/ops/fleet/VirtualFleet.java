package ops.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Many virtual firewalls (and, if asked, their three edges each) in ONE process, over real SSH
 * (Apache MINA SSHD): each host its own port on one address, its own host key, answering what
 * {@link SnapshotShell} answers from one snapshot folder (each firewall's config.xml with its own
 * hostname). Serving costs no process per session, so a benchmark measures the client, not 50
 * sshds sharing its cores. Only the clients' public keys (an authorized_keys file) may log in.
 *
 * A round-trip delay, if asked, is added inside the server ({@link DelayLine}: this machine's kernel
 * has no netem), before anything reaches SSH, so OpenSSH and our client pay it alike.
 *
 * As a program: {@code VirtualFleet ADDRESS FIRST_PORT FIREWALLS SNAPSHOT AUTHORIZED_KEYS IDENTITY OUT [--edges] [--rtt-ms=N]}
 * writes OUT/ssh_config, OUT/known_hosts and OUT/ops.toml, prints "ready", and serves until its
 * standard input closes (its parent gone).
 */
public final class VirtualFleet implements AutoCloseable {
    static {
        // BouncyCastle is on a test classpath (sshj brings it): MINA would register it as a JCA provider in this JVM,
        // which the toolkit's own client deliberately does not. The JDK does every algorithm used here (ECDSA, X25519).
        System.setProperty("org.apache.sshd.security.registrars", "none");
    }

    /** One virtual host: a firewall (role FIREWALL) or an edge (role = its gateway name in the firewall's config). */
    public record Host(String name, String role, String firewall, InetSocketAddress address, KeyPair key, SnapshotShell shell) {
        public String knownHostsLine() {
            return "[" + address.getHostString() + "]:" + address.getPort() + " " + PublicKeyEntry.toString(key.getPublic());
        }
    }

    // MINA's defaults (ciphers, key exchanges, ...), as SshServer.setUpDefaultServer() would set them
    private final Server server = (Server) ServerBuilder.builder().factory(Server::new).build();
    private final Map<Integer, Host> byPort = new ConcurrentHashMap<>();
    private final List<Host> hosts = new ArrayList<>();
    private final ExecutorService commands = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "virtual-command");
        t.setDaemon(true);
        return t;
    });

    /** SshServer binds one address at start; the others are bound to its acceptor afterwards. */
    private static final class Server extends SshServer {
        Duration rtt = Duration.ZERO;
        DelayLine delay;

        @Override
        protected IoAcceptor createAcceptor() { // at start, once the session factory exists
            if (rtt.isZero()) return super.createAcceptor();
            delay = new DelayLine(getSessionFactory(), rtt);
            return getIoServiceFactory().createAcceptor(delay);
        }

        InetSocketAddress bind(InetSocketAddress a) throws IOException {
            Set<SocketAddress> before = new HashSet<>(acceptor.getBoundAddresses());
            acceptor.bind(a);
            Set<SocketAddress> now = new HashSet<>(acceptor.getBoundAddresses());
            now.removeAll(before);
            return (InetSocketAddress) now.iterator().next(); // with port 0, the one the kernel chose
        }
    }

    /**
     * @param firstPort  the first firewall's port, the next hosts' following it; 0 for ports the kernel chooses
     * @param edges      also serve each firewall's edges (the snapshot's edges/ folder names their gateways)
     * @param rtt        the round trip each exchange costs (see {@link DelayLine}); zero for none
     */
    public static VirtualFleet start(String address, int firstPort, int firewalls, Path snapshot, Path authorizedKeys, boolean edges,
            Duration rtt) throws IOException, GeneralSecurityException {
        VirtualFleet f = new VirtualFleet();
        f.server.rtt = rtt;
        try {
            f.serve(address, firstPort, firewalls, snapshot, authorizedKeys, edges);
            return f;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    private void serve(String address, int firstPort, int firewalls, Path snapshot, Path authorizedKeys, boolean edges)
            throws IOException, GeneralSecurityException {
        List<PublicKey> clients = new ArrayList<>();
        for (AuthorizedKeyEntry e : AuthorizedKeyEntry.readAuthorizedKeys(authorizedKeys)) {
            clients.add(e.resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
        }
        if (clients.isEmpty()) throw new IOException(authorizedKeys + ": no key");
        String template = Files.readString(snapshot.resolve("config.xml"));
        if (!template.contains("<hostname>fw1</hostname>")) throw new IOException(snapshot + "/config.xml: no <hostname>fw1</hostname> to rename");
        List<String> gateways = edges ? gateways(snapshot) : List.of();
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        String width = "%0" + Math.max(3, String.valueOf(firewalls).length()) + "d"; // fw001: the names sort as numbers

        server.setHost(address);
        server.setPort(firstPort);
        server.setKeyPairProvider(new KeyPairProvider() {
            @Override
            public Iterable<KeyPair> loadKeys(SessionContext session) {
                return List.of(host(session).key());
            }
        });
        server.setPublickeyAuthenticator((user, key, session) -> clients.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        server.setCommandFactory((channel, command) -> new Exec(host(channel.getSession()), command));
        int port = firstPort;
        for (int i = 1; i <= firewalls; i++) {
            String fw = "fw" + String.format(width, i);
            SnapshotShell shell = new SnapshotShell(SnapshotShell.FIREWALL, snapshot,
                    template.replace("<hostname>fw1</hostname>", "<hostname>" + fw + "</hostname>"));
            port = add(fw, SnapshotShell.FIREWALL, fw, address, port, gen.generateKeyPair(), shell);
            for (int e = 0; e < gateways.size(); e++) {
                port = add(fw + "-e" + (e + 1), gateways.get(e), fw, address, port, gen.generateKeyPair(),
                        new SnapshotShell(gateways.get(e), snapshot, null));
            }
        }
    }

    /** Binds the next host; returns the port after it (0 stays 0). */
    private int add(String name, String role, String fw, String address, int port, KeyPair key, SnapshotShell shell) throws IOException {
        InetSocketAddress bound;
        if (!server.isStarted()) {
            server.start();
            bound = new InetSocketAddress(address, server.getPort());
        } else {
            bound = server.bind(new InetSocketAddress(address, port));
        }
        Host h = new Host(name, role, fw, bound, key, shell);
        hosts.add(h);
        byPort.put(bound.getPort(), h);
        return port == 0 ? 0 : bound.getPort() + 1;
    }

    /** The gateways whose files the snapshot's edges/ folder holds (EDGE1_VPNV4.iptables -> EDGE1_VPNV4). */
    private static List<String> gateways(Path snapshot) throws IOException {
        try (Stream<Path> s = Files.list(snapshot.resolve("edges"))) {
            return List.copyOf(new TreeSet<>(s.map(p -> p.getFileName().toString().split("\\.", 2)[0]).toList()));
        }
    }

    private Host host(SessionContext session) {
        int port = ((InetSocketAddress) ((Session) session).getIoSession().getLocalAddress()).getPort();
        Host h = byPort.get(port);
        if (h == null) throw new IllegalStateException("no virtual host on port " + port);
        return h;
    }

    public List<Host> hosts() { return List.copyOf(hosts); }

    /**
     * ssh_config (one Host per virtual host, StrictHostKeyChecking yes), known_hosts (each host key
     * trusted explicitly) and an inventory naming every firewall (with its edges, when served).
     */
    public void writeClientFiles(Path dir, Path identity) throws IOException {
        Files.createDirectories(dir);
        StringBuilder config = new StringBuilder(), known = new StringBuilder();
        Map<String, StringBuilder> inventory = new LinkedHashMap<>();
        for (Host h : hosts) {
            config.append("Host ").append(h.name()).append("\n  HostName ").append(h.address().getHostString())
                    .append("\n  Port ").append(h.address().getPort())
                    .append("\n  User ").append(System.getProperty("user.name"))
                    .append("\n  IdentityFile ").append(identity).append("\n  IdentitiesOnly yes")
                    .append("\n  UserKnownHostsFile ").append(dir.resolve("known_hosts"))
                    .append("\n  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n");
            known.append(h.knownHostsLine()).append('\n');
            if (h.role().equals(SnapshotShell.FIREWALL)) {
                inventory.put(h.name(), new StringBuilder("[firewalls." + h.name() + "]\nssh = \"" + h.name() + "\"\n"));
            } else {
                StringBuilder fw = inventory.get(h.firewall());
                if (fw.indexOf(".edges]") < 0) fw.append("[firewalls.").append(h.firewall()).append(".edges]\n");
                fw.append(h.role()).append(" = \"").append(h.name()).append("\"\n");
            }
        }
        Files.writeString(dir.resolve("ssh_config"), config);
        Files.writeString(dir.resolve("known_hosts"), known);
        Files.writeString(dir.resolve("ops.toml"), String.join("\n", inventory.values()));
    }

    @Override
    public void close() throws IOException {
        commands.shutdownNow();
        server.stop(true);
        if (server.delay != null) server.delay.close();
    }

    /** One exec request: reads the client's input (only `sh -s` has any), answers, exits. */
    private final class Exec implements Command {
        private final Host host;
        private final String command;
        private InputStream in;
        private OutputStream out, err;
        private ExitCallback exit;

        Exec(Host host, String command) {
            this.host = host;
            this.command = command;
        }

        @Override public void setInputStream(InputStream in) { this.in = in; }
        @Override public void setOutputStream(OutputStream out) { this.out = out; }
        @Override public void setErrorStream(OutputStream err) { this.err = err; }
        @Override public void setExitCallback(ExitCallback exit) { this.exit = exit; }

        @Override
        public void start(ChannelSession channel, Environment env) {
            commands.execute(() -> {
                try {
                    byte[] stdin = command.equals("sh -s") ? in.readAllBytes() : new byte[0];
                    SnapshotShell.Reply r = host.shell().run(command, stdin);
                    out.write(r.out());
                    out.flush();
                    err.write(r.err());
                    err.flush();
                    exit.onExit(r.status());
                } catch (IOException | RuntimeException e) {
                    exit.onExit(255, String.valueOf(e));
                }
            });
        }

        @Override public void destroy(ChannelSession channel) {}
    }

    public static void main(String... args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: VirtualFleet ADDRESS FIRST_PORT FIREWALLS SNAPSHOT AUTHORIZED_KEYS IDENTITY OUT [--edges] [--rtt-ms=N]");
            System.exit(2);
        }
        List<String> flags = List.of(args).subList(7, args.length);
        boolean edges = flags.contains("--edges");
        Duration rtt = Duration.ofMillis(flags.stream().filter(x -> x.startsWith("--rtt-ms=")).mapToLong(x -> Long.parseLong(x.substring(9))).sum());
        try (VirtualFleet f = start(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]), Path.of(args[4]), edges, rtt)) {
            f.writeClientFiles(Path.of(args[6]), Path.of(args[5]));
            System.out.println("ready " + f.hosts().size());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our input (or goes away)
            }
        }
    }
}
