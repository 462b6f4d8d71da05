package ops.ssh;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;
import ops.ssh.agent.AgentClient;
import ops.ssh.agent.AgentKey;
import ops.ssh.agent.AuthAgent;

/**
 * The keys a host may be logged in with, in OpenSSH's order (sshconnect2.c, pubkey_prepare):
 * CertificateFile certificates first; then the agent's keys in the agent's order (a key that an
 * IdentityFile also names is used through the agent, in the agent's place; the others only
 * without IdentitiesOnly); then the IdentityFile keys the agent does not hold, each followed by
 * its `KEY-cert.pub` when one lies beside it. A file key is read from its `.pub` first, so a key
 * the agent holds never asks for a passphrase. Otherwise the passphrase of an encrypted key comes
 * from $OPS_SSH_PASSPHRASE or an interactive prompt, never from the command line, kept in memory only.
 */
final class Identities {
    private Identities() {}

    /**
     * What to try, in order, plus one note per key or agent that could not be used (for the
     * auth-failure message) and the agent asked, if any.
     */
    record Loaded(List<AuthMethod> keys, List<String> names, List<String> notes, Optional<AgentClient> agent,
                  Optional<String> agentDown) {}

    /** How a note about an expired user certificate begins (the failure message leads with it). */
    static final String EXPIRED = "certificate expired on ";

    private static final Map<String, char[]> PROMPTED = new ConcurrentHashMap<>();
    private static final Object PROMPT_LOCK = new Object();

    /** One key from a file: its public half (or certificate) known, its private half read only when needed. */
    private record FileKey(Path file, PublicKey pub, boolean cert) {
        byte[] blob() { return blob(pub); }

        static byte[] blob(PublicKey k) { return new Buffer.PlainBuffer().putPublicKey(k).getCompactData(); }
    }

    static Loaded load(SSHClient client, HostConfig host, SshSettings settings) {
        List<String> notes = new ArrayList<>();
        List<FileKey> certFiles = new ArrayList<>();
        for (Path f : host.certificateFiles()) {
            Optional<PublicKey> cert = readPublic(f).filter(Identities::isCert);
            if (cert.isEmpty()) notes.add(f + ": not a readable certificate");
            else if (usable(cert.get(), f, notes)) certFiles.add(new FileKey(f, cert.get(), true));
        }
        List<FileKey> files = new ArrayList<>();
        for (Path f : host.identityFiles()) {
            Optional<PublicKey> pub = readPublic(Path.of(f + ".pub")).filter(k -> !isCert(k));
            // OpenSSH skips missing default names silently; a .pub alone still names a key the agent may hold
            if (pub.isPresent()) files.add(new FileKey(f, pub.get(), false));
            else if (Files.isRegularFile(f)) files.add(new FileKey(f, null, false)); // the private key tells its public half
            Path certFile = Path.of(f + "-cert.pub");
            readPublic(certFile).filter(Identities::isCert).filter(c -> usable(c, certFile, notes))
                    .ifPresent(k -> files.add(new FileKey(f, k, true)));
        }

        List<AuthMethod> methods = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Optional<AgentClient> agent = agent(host, settings);
        List<AgentKey> agentKeys = List.of();
        Optional<String> agentDown = Optional.empty();
        if (agent.isPresent()) {
            try {
                agentKeys = agent.get().identities();
            } catch (IOException e) {
                agentDown = Optional.of(unreachable(agent.get(), e));
                notes.add(agentDown.get());
            }
        }
        // certificates named by CertificateFile: signed by the agent when it holds the key, else by a key file
        for (FileKey c : certFiles) {
            Optional<AgentKey> inAgent = agentKeys.stream().filter(a -> a.usable() && sameKey(a.key(), c.pub())).findFirst();
            if (inAgent.isPresent()) {
                methods.add(new AuthAgent(agent.get(), inAgent.get(), c.pub(), c.file().toString()));
                names.add(c.file() + " (agent)");
                continue;
            }
            Optional<FileKey> priv = files.stream().filter(k -> !k.cert() && k.pub() != null && sameKey(k.pub(), c.pub())).findFirst();
            if (priv.isEmpty()) {
                notes.add(c.file() + ": no private key for it (in the agent or an IdentityFile)");
                continue;
            }
            fileMethod(client, priv.get().file(), c.pub(), settings, notes).ifPresent(m -> {
                methods.add(m);
                names.add(c.file().toString());
            });
        }
        for (AgentKey a : agentKeys) {
            if (!a.usable()) continue;
            Iterator<FileKey> it = files.iterator();
            boolean named = false;
            while (it.hasNext()) {
                FileKey k = it.next();
                if (k.pub() != null && Arrays.equals(k.blob(), a.blob())) {
                    it.remove(); // that file's key is used through the agent, here
                    named = true;
                    break;
                }
            }
            if (named || !host.identitiesOnly()) {
                methods.add(new AuthAgent(agent.get(), a, a.key(), a.name()));
                names.add(a.name() + " (agent)");
            }
        }
        for (FileKey k : files) {
            if (k.cert()) {
                // a KEY-cert.pub: signed by the agent when it holds KEY, else by the key file
                Optional<AgentKey> inAgent = agentKeys.stream().filter(a -> a.usable() && !isCert(a.key()) && sameKey(a.key(), k.pub())).findFirst();
                if (inAgent.isPresent()) {
                    methods.add(new AuthAgent(agent.get(), inAgent.get(), k.pub(), k.file() + "-cert.pub"));
                    names.add(k.file() + "-cert.pub (agent)");
                    continue;
                }
            }
            fileMethod(client, k.file(), k.pub(), settings, notes).ifPresent(m -> {
                methods.add(m);
                names.add(k.cert() ? k.file() + "-cert.pub" : k.file().toString());
            });
        }
        return new Loaded(methods, names, notes, agent, agentDown);
    }

    /** A user certificate that is valid now; else a note saying why it is left out (the server would refuse it). */
    @SuppressWarnings("unchecked")
    private static boolean usable(PublicKey k, Path file, List<String> notes) {
        var cert = (com.hierynomus.sshj.userauth.certificate.Certificate<PublicKey>) k;
        java.time.Instant now = java.time.Instant.now();
        if (cert.getType() != 1) {
            notes.add(file + ": a host certificate, not a user one");
            return false;
        }
        if (cert.getValidBefore() != null && !now.isBefore(cert.getValidBefore().toInstant())) {
            notes.add(file + ": " + EXPIRED + cert.getValidBefore().toInstant());
            return false;
        }
        if (cert.getValidAfter() != null && now.isBefore(cert.getValidAfter().toInstant())) {
            notes.add(file + ": certificate not valid before " + cert.getValidAfter().toInstant());
            return false;
        }
        return true;
    }

    /** The agent to ask: IdentityAgent (a path, `SSH_AUTH_SOCK`, `$VAR` or `none`), else $SSH_AUTH_SOCK. */
    static Optional<AgentClient> agent(HostConfig host, SshSettings settings) {
        String v = host.identityAgent().orElse("SSH_AUTH_SOCK");
        if (v.equalsIgnoreCase("none")) return Optional.empty();
        String path = v.equals("SSH_AUTH_SOCK") ? settings.env().get("SSH_AUTH_SOCK")
                : v.startsWith("$") ? settings.env().get(v.substring(1).replace("{", "").replace("}", "")) : v;
        if (path == null || path.isBlank()) return Optional.empty();
        return Optional.of(new AgentClient(Path.of(path)));
    }

    private static String unreachable(AgentClient agent, IOException e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof java.net.SocketException && (m.contains("No such file") || m.contains("Connection refused"))) {
            return "no agent listens at " + agent.socket() + " (" + m.toLowerCase(java.util.Locale.ROOT) + ")";
        }
        return "the agent at " + agent.socket() + " did not list its keys (" + m + ")";
    }


    private static Optional<AuthMethod> fileMethod(SSHClient client, Path f, PublicKey shown, SshSettings settings, List<String> notes) {
        if (!Files.isRegularFile(f)) return Optional.empty(); // only its .pub is here, and the agent does not hold it
        try {
            KeyProvider kp = client.loadKeys(f.toString(), passwords(f, settings));
            PrivateKey priv = kp.getPrivate(); // decrypts now, so a wrong or missing passphrase is named here, not as "refused"
            PublicKey pub = shown != null ? shown : kp.getPublic();
            return Optional.of(new AuthPublickey(new KeyProvider() {
                @Override
                public PrivateKey getPrivate() { return priv; }

                @Override
                public PublicKey getPublic() { return pub; }

                @Override
                public KeyType getType() { return KeyType.fromKey(pub); }
            }));
        } catch (IOException | RuntimeException e) {
            notes.add(f + ": " + why(e, settings));
            return Optional.empty();
        }
    }

    /** A public key or certificate file (`type base64 [comment]`), empty when missing or unreadable. */
    static Optional<PublicKey> readPublic(Path f) {
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            String[] parts = Files.readString(f).trim().split("\\s+");
            if (parts.length < 2) return Optional.empty();
            return Optional.of(new Buffer.PlainBuffer(Base64.getDecoder().decode(parts[1])).readPublicKey());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean isCert(PublicKey k) { return k instanceof com.hierynomus.sshj.userauth.certificate.Certificate; }

    /** Whether two keys are the same key pair (a certificate counts as the key it certifies). */
    static boolean sameKey(PublicKey a, PublicKey b) {
        return Arrays.equals(FileKey.blob(plain(a)), FileKey.blob(plain(b)));
    }

    @SuppressWarnings("unchecked")
    private static PublicKey plain(PublicKey k) {
        return isCert(k) ? ((com.hierynomus.sshj.userauth.certificate.Certificate<PublicKey>) k).getKey() : k;
    }

    /** Thrown from the password finder when no passphrase can be had (sshj would fail on null). */
    private static final class NoPassphrase extends RuntimeException {
        NoPassphrase() { super("no passphrase", null, false, false); }
    }

    private static String why(Throwable e, SshSettings settings) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoPassphrase) {
                return "encrypted; set $" + SshSettings.PASSPHRASE_ENV + " or run from a terminal to be asked";
            }
        }
        String m = String.valueOf(e.getMessage()).toLowerCase();
        if (m.contains("passphrase") || m.contains("decrypt") || m.contains("password") || m.contains("padding")
                || m.contains("checkint") || m.contains("integrity")) {
            return settings.env().containsKey(SshSettings.PASSPHRASE_ENV)
                    ? "wrong passphrase in $" + SshSettings.PASSPHRASE_ENV
                    : "encrypted; set $" + SshSettings.PASSPHRASE_ENV + " or run from a terminal to be asked";
        }
        return "unreadable or unsupported key (" + e.getClass().getSimpleName() + ")";
    }

    private static PasswordFinder passwords(Path key, SshSettings settings) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                String env = settings.env().get(SshSettings.PASSPHRASE_ENV);
                if (env != null) return env.toCharArray();
                Console console = System.console();
                if (console == null) throw new NoPassphrase();
                synchronized (PROMPT_LOCK) { // hosts connect in parallel; ask once per key
                    char[] known = PROMPTED.get(key.toString());
                    if (known != null) return known.clone();
                    char[] pw = console.readPassword("Enter passphrase for key '%s': ", key);
                    if (pw == null) throw new NoPassphrase();
                    PROMPTED.put(key.toString(), pw.clone());
                    return pw;
                }
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) { return false; }
        };
    }
}
