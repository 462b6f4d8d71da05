package ops.ssh;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * The keys a host may be logged in with: its IdentityFile list (ssh -G gives OpenSSH's default
 * names when the config sets none), those that exist and that sshj reads (ed25519, ecdsa, rsa;
 * not FIDO "-sk" keys). The passphrase of an encrypted key comes from $OPS_SSH_PASSPHRASE or
 * an interactive prompt, never from the command line, and is kept in memory only.
 */
final class Identities {
    private Identities() {}

    /** Keys that loaded, plus one note per IdentityFile that did not (for the auth-failure message). */
    record Loaded(List<KeyProvider> keys, List<String> names, List<String> notes) {}

    private static final Map<String, char[]> PROMPTED = new ConcurrentHashMap<>();
    private static final Object PROMPT_LOCK = new Object();

    static Loaded load(SSHClient client, HostConfig host, SshSettings settings) {
        List<KeyProvider> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path f : host.identityFiles()) {
            if (!Files.isRegularFile(f)) continue; // OpenSSH skips missing default names silently
            try {
                KeyProvider kp = client.loadKeys(f.toString(), passwords(f, settings));
                kp.getPrivate(); // decrypts now, so a wrong or missing passphrase is named here, not as "refused"
                keys.add(kp);
                names.add(f.toString());
            } catch (IOException | RuntimeException e) {
                notes.add(f + ": " + why(e, settings));
            }
        }
        return new Loaded(keys, names, notes);
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
