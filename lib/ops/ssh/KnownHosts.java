package ops.ssh;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import ops.base.OpsException;

/**
 * Checks a server's host key against the host's known_hosts files the way OpenSSH does:
 * plain and hashed entries, `[host]:port` for other ports, HostKeyAlias, @revoked, and host
 * certificates signed by a CA of a `@cert-authority` line ({@link CertAuthorities}). An unknown
 * key is refused unless accept-new applies (then it is appended, hashed if HashKnownHosts);
 * a changed or revoked key is always refused. The reason is kept as one line for the caller.
 *
 * <p>It also tells sshj which host-key algorithms known_hosts holds for the host, so a host
 * known by its RSA key is asked for RSA (rsa-sha2-512/256) first, as OpenSSH does, even when the
 * server would prefer ed25519 (sshj issues #526, #635: sshj alone moves only "ssh-rsa", the SHA-1
 * signature modern servers refuse, to the front).
 */
public final class KnownHosts implements HostKeyVerifier {
    private static final Object APPEND_LOCK = new Object(); // hosts are verified in parallel

    private record Entry(Path file, int line, OpenSSHKnownHosts.KnownHostEntry entry, boolean revoked) {
        // sshj's entry for a hashed host keeps one HMAC object: connections checking in parallel take turns
        synchronized boolean appliesTo(String name) throws IOException { return entry.appliesTo(name); }
        synchronized boolean appliesTo(KeyType type, String name) throws IOException { return entry.appliesTo(type, name); }
        synchronized boolean verify(PublicKey key) throws IOException { return entry.verify(key); }
    }

    /** A known_hosts file's text and its entries as parsed; its @cert-authority lines are kept as text. */
    private record Parsed(String text, List<Entry> entries, List<CaLine> caLines) {}

    private record CaLine(int n, String text) {}

    // Each connection of a fleet checks the same files: parsing them once per connection decoded every key of a
    // 500-host known_hosts 500 times (about 40% of route-audit --all's CPU at 500 firewalls). Reading the text
    // again is cheap; only a text that differs from the last one parsed (a key accepted, a line edited) is parsed.
    private static final Map<Path, Parsed> PARSED = new ConcurrentHashMap<>();

    private final HostConfig host;
    private final String sshCommand; // "ssh" or "ssh -F FILE": how the user adds a key by hand
    private final boolean acceptNew;
    private final Consumer<String> warn;
    private final List<Entry> entries = new ArrayList<>();
    private final CertAuthorities authorities = new CertAuthorities();
    private volatile String problem;

    public KnownHosts(HostConfig host, boolean acceptNewOverride, String sshCommand, Consumer<String> warn) {
        this.host = host;
        this.sshCommand = sshCommand;
        this.acceptNew = acceptNewOverride || host.strictHostKeyChecking() == HostConfig.StrictHostKeyChecking.ACCEPT_NEW
                || host.strictHostKeyChecking() == HostConfig.StrictHostKeyChecking.NO;
        this.warn = warn;
        List<Path> files = new ArrayList<>(host.userKnownHosts());
        files.addAll(host.globalKnownHosts());
        for (Path f : files) load(f);
    }

    /** Why the last key was refused, as one line naming the host, the key and the fix. */
    public Optional<String> problem() { return Optional.ofNullable(problem); }

    /**
     * The name the key is filed under, by OpenSSH's rule: the HostKeyAlias as written, else the
     * host name, as `[name]:port` off port 22 (sshconnect.c ignores the port for an alias).
     */
    public String lookupName() {
        String name = host.keyName().toLowerCase();
        return host.port() == 22 || host.keyAliased() ? name : "[" + name + "]:" + host.port();
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        String name = lookupName();
        if (key instanceof com.hierynomus.sshj.userauth.certificate.Certificate<?> cert) {
            var verdict = authorities.check(cert, name, host.keyName());
            if (verdict.isEmpty()) {
                key = CertAuthorities.plain(cert); // no CA listed for it signed it: judged as its plain key, as ssh does
            } else if (verdict.get().problem().isPresent()) {
                var a = verdict.get().authority();
                problem = host.where() + ": host certificate for " + KeyType.fromKey(cert.getKey()) + " key " + fingerprint(cert.getKey())
                        + " is signed by the CA in " + a.file() + ":" + a.line() + " but " + verdict.get().problem().get()
                        + "; refusing it, as ssh does: have the host's certificate renewed (ssh-keygen -s CA_KEY -h -n "
                        + host.keyName() + " ...)";
                return false;
            } else if (revoked(cert.getKey())) {
                return false;
            } else {
                return true;
            }
        }
        KeyType type = KeyType.fromKey(key);
        Entry sameType = null;
        List<String> otherTypes = new ArrayList<>();
        for (Entry e : entries) {
            try {
                if (e.appliesTo(type, name)) {
                    if (e.revoked() && sameKey(e, key)) {
                        problem = host.where() + ": host key " + type + " " + fingerprint(key) + " is marked @revoked in "
                                + e.file() + ":" + e.line() + "; refusing it (the host needs a new key)";
                        return false;
                    }
                    if (!e.revoked() && e.verify(key)) return true;
                    if (!e.revoked() && sameType == null) sameType = e;
                } else if (e.appliesTo(name) && !e.revoked()) {
                    otherTypes.add(e.entry().getType().toString());
                }
            } catch (IOException ex) {
                // a broken line never matches; OpenSSH skips it too
            }
        }
        if (sameType != null) {
            problem = host.where() + ": host key CHANGED: the server offers " + type + " " + fingerprint(key) + " but "
                    + sameType.file() + ":" + sameType.line() + " holds another " + type + " key; someone may be "
                    + "intercepting, or the host was reinstalled: only if you know it was, remove the old key with "
                    + "`ssh-keygen -R '" + name + "' -f " + sameType.file() + "` and retry";
            return false;
        }
        if (acceptNew) {
            return addKey(name, type, key);
        }
        problem = host.where() + ": unknown host key " + type + " " + fingerprint(key)
                + (otherTypes.isEmpty() ? "" : " (known_hosts holds only " + String.join(", ", new LinkedHashSet<>(otherTypes)) + " for it)")
                + ", not in " + (host.userKnownHosts().isEmpty() ? "any known_hosts file" : host.userKnownHosts().get(0))
                + "; check the fingerprint with the host's admin (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on it), "
                + "then add it with `" + sshCommand + " -o StrictHostKeyChecking=accept-new " + host.alias() + " true` or rerun with --accept-new";
        return false;
    }

    /** Whether {@code key} is marked @revoked for this host (then {@link #problem()} says so). */
    private boolean revoked(PublicKey key) {
        KeyType type = KeyType.fromKey(key);
        for (Entry e : entries) {
            try {
                if (e.revoked() && e.appliesTo(type, lookupName()) && sameKey(e, key)) {
                    problem = host.where() + ": host key " + type + " " + fingerprint(key) + " is marked @revoked in "
                            + e.file() + ":" + e.line() + "; refusing it (the host needs a new key)";
                    return true;
                }
            } catch (IOException ex) {
                // a broken line never matches
            }
        }
        return false;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        LinkedHashSet<String> algs = new LinkedHashSet<>();
        String name = lookupName();
        if (authorities.listedFor(name)) {
            // a CA is listed for the host: ask for its certificate first, as ssh does
            algs.addAll(List.of("ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com",
                    "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
                    "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com"));
        }
        for (Entry e : entries) {
            try {
                if (!e.revoked() && e.appliesTo(name)) {
                    String type = e.entry().getType().toString();
                    if (type.equals(KeyType.RSA.toString())) {
                        // an RSA key signs with SHA-2 today; "ssh-rsa" alone is the SHA-1 variant
                        algs.add("rsa-sha2-512");
                        algs.add("rsa-sha2-256");
                    }
                    algs.add(type);
                }
            } catch (IOException ex) {
                // skip broken lines
            }
        }
        return new ArrayList<>(algs);
    }

    /** OpenSSH's fingerprint: SHA256 of the key blob, base64 without padding. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob(key));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean addKey(String name, KeyType type, PublicKey key) {
        if (host.userKnownHosts().isEmpty()) {
            problem = host.where() + ": cannot accept the new host key: UserKnownHostsFile is none; set a file in ssh_config";
            return false;
        }
        Path file = host.userKnownHosts().get(0);
        String line = (host.hashKnownHosts() ? hashed(name) : name) + " " + type + " "
                + Base64.getEncoder().encodeToString(blob(key));
        synchronized (APPEND_LOCK) {
            try {
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null && !Files.isDirectory(dir)) Files.createDirectories(dir);
                boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
                Files.writeString(file, (needsNewline ? "\n" : "") + line + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException e) {
                problem = host.where() + ": cannot add the host key to " + file + " (" + e.getMessage() + "); check it is writable";
                return false;
            }
        }
        warn.accept("Permanently added '" + name + "' (" + type + " " + fingerprint(key) + ") to " + file);
        return true;
    }

    private void load(Path f) {
        if (!Files.isReadable(f)) return;
        Parsed p;
        try {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            p = PARSED.get(f);
            if (p == null || !p.text().equals(text)) {
                p = parse(f, text);
                PARSED.put(f, p);
            }
        } catch (IOException e) {
            throw new OpsException(f + ": cannot read known_hosts (" + e.getMessage() + "); check its permissions", e);
        }
        entries.addAll(p.entries());
        for (CaLine ca : p.caLines()) authorities.read(f, ca.n(), ca.text());
    }

    private static Parsed parse(Path f, String text) {
        List<String> lines = text.lines().toList();
        List<Entry> entries = new ArrayList<>();
        List<CaLine> caLines = new ArrayList<>();
        CertAuthorities probe = new CertAuthorities();
        OpenSSHKnownHosts.EntryFactory factory;
        try {
            factory = new OpenSSHKnownHosts(new StringReader("")).new EntryFactory();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int n = 0;
        for (String line : lines) {
            n++;
            String t = line.stripLeading();
            if (t.isEmpty() || t.startsWith("#")) continue;
            if (probe.read(f, n, t)) {
                caLines.add(new CaLine(n, t));
                continue;
            }
            try {
                OpenSSHKnownHosts.KnownHostEntry e = factory.parseEntry(line);
                if (e instanceof OpenSSHKnownHosts.HostEntry) {
                    entries.add(new Entry(f, n, e, line.stripLeading().startsWith("@revoked")));
                }
            } catch (IOException | RuntimeException ignored) {
                // OpenSSH skips lines it cannot read, so do we
            }
        }
        return new Parsed(text, List.copyOf(entries), List.copyOf(caLines));
    }

    private static boolean sameKey(Entry e, PublicKey key) {
        String line = e.entry().getLine();
        return line.contains(Base64.getEncoder().encodeToString(blob(key)));
    }

    private static boolean endsWithNewline(Path f) throws IOException {
        byte[] all = Files.readAllBytes(f);
        return all.length == 0 || all[all.length - 1] == '\n';
    }

    private static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    /** OpenSSH's hashed host name: |1|salt|HMAC-SHA1(salt, name). */
    private static String hashed(String name) {
        try {
            byte[] salt = new byte[20];
            new SecureRandom().nextBytes(salt);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] h = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
