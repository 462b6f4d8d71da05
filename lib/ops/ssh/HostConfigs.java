package ops.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import ops.base.LocalProcess;
import ops.base.OpsException;

/**
 * Resolves a host's settings as OpenSSH would: by asking `ssh -G` where OpenSSH is installed
 * (exact semantics: Match, Include, canonicalisation, defaults), else by reading ssh_config
 * with {@link SshConfigFile}. A user or port written in the target wins, as on ssh's command line.
 */
public final class HostConfigs {
    private static final Duration SSH_G_TIMEOUT = Duration.ofSeconds(15); // Match exec could hang; never wait forever

    private final SshSettings settings;
    // `ssh -G` answers asked for ahead of time, by target spec (see prefetch)
    private final Map<String, Map<String, List<String>>> prefetched = new java.util.concurrent.ConcurrentHashMap<>();

    public HostConfigs(SshSettings settings) { this.settings = settings; }

    public HostConfig resolve(SshTarget target) {
        Map<String, List<String>> cached = prefetched.get(target.spec());
        Map<String, List<String>> options = cached != null ? cached : settings.sshBinary().isPresent() ? sshG(target) : fromFiles(target);
        return HostConfig.from(target.spec(), options, settings);
    }

    /**
     * Asks `ssh -G` about many hosts in one shell, one after another: for a fleet, 200 `ssh -G`
     * processes started at once cost seconds of contention, in a row they cost ~5 ms each.
     * A host whose answer is an error is left out: resolve() asks again and reports it properly.
     */
    public void prefetch(java.util.Collection<SshTarget> targets) {
        List<SshTarget> list = targets.stream().filter(t -> !prefetched.containsKey(t.spec())).distinct().toList();
        if (settings.sshBinary().isEmpty() || list.size() < 2) return;
        String mark = "@@ops-ssh-G-" + Long.toHexString(new java.util.Random().nextLong()) + ":";
        StringBuilder script = new StringBuilder();
        for (SshTarget t : list) {
            for (String word : command(t)) script.append(ops.text.Shell.quote(word)).append(' ');
            script.append("2>/dev/null </dev/null; echo \"").append(mark).append("$?\"\n");
        }
        String out;
        try {
            out = LocalProcess.run(List.of("/bin/sh", "-c", script.toString()), "", SSH_G_TIMEOUT).out();
        } catch (IOException | TimeoutException e) {
            return; // resolve() asks one by one and reports any problem
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String[] parts = out.split(java.util.regex.Pattern.quote(mark), -1);
        for (int i = 0; i < list.size() && i + 1 < parts.length; i++) {
            String rest = parts[i + 1];
            int nl = rest.indexOf('\n');
            String rc = nl < 0 ? rest.strip() : rest.substring(0, nl).strip();
            String body = i == 0 ? parts[0] : parts[i].substring(Math.max(0, parts[i].indexOf('\n') + 1));
            if (rc.equals("0")) prefetched.put(list.get(i).spec(), parse(body));
        }
    }

    /**
     * Where each alias leads (its resolved HostName), asked in one batch as {@link #prefetch} does;
     * the answers stay cached for connecting later. An alias `ssh -G` rejects, or that is not a
     * host name at all, is left out: it cannot be the one a discovered address names.
     */
    public Map<String, String> hostNames(List<String> aliases) {
        List<SshTarget> targets = new ArrayList<>();
        for (String a : aliases) {
            try {
                SshTarget t = SshTarget.parse(a);
                if (t.host().equals(a)) targets.add(t);
            } catch (OpsException notAHost) {
                // a pattern such as "-x" or "a:b": nothing to resolve
            }
        }
        prefetch(targets);
        Map<String, String> out = new LinkedHashMap<>();
        for (SshTarget t : targets) {
            Map<String, List<String>> o = prefetched.get(t.spec());
            try {
                if (o == null) o = settings.sshBinary().isPresent() ? sshG(t) : fromFiles(t);
            } catch (OpsException rejected) {
                continue;
            }
            List<String> name = o.get("hostname");
            out.put(t.spec(), name == null || name.isEmpty() ? t.host() : name.get(0).trim());
        }
        return out;
    }

    private List<String> command(SshTarget t) {
        List<String> cmd = new ArrayList<>(List.of(settings.sshBinary().get(), "-G"));
        settings.configFile().ifPresent(f -> cmd.addAll(List.of("-F", f.toString())));
        t.user().ifPresent(u -> cmd.addAll(List.of("-l", u)));
        t.port().ifPresent(p -> cmd.addAll(List.of("-p", String.valueOf(p))));
        cmd.addAll(List.of("--", t.host()));
        return cmd;
    }

    private Map<String, List<String>> sshG(SshTarget t) {
        LocalProcess.Result r;
        try {
            r = LocalProcess.run(command(t), "", SSH_G_TIMEOUT);
        } catch (IOException e) {
            throw new OpsException(t.spec() + ": cannot run `ssh -G` (" + e.getMessage() + "); check OpenSSH's client is installed", e);
        } catch (TimeoutException e) {
            throw new OpsException(t.spec() + ": `ssh -G` gave no answer in " + SSH_G_TIMEOUT.toSeconds()
                    + " s; check Match exec lines in your ssh_config");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException(t.spec() + ": interrupted while reading ssh settings", e);
        }
        if (r.exit() != 0) {
            throw new OpsException(t.spec() + ": `ssh -G` rejects the ssh_config" + configName() + " (" + firstLine(r.err())
                    + "); fix the file and check with `ssh -G " + t.host() + "`");
        }
        return parse(r.out());
    }

    /** `ssh -G` prints one `key value` per line; repeated keys (identityfile) keep their order. */
    static Map<String, List<String>> parse(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            int sp = l.indexOf(' ');
            if (sp <= 0) continue;
            out.computeIfAbsent(l.substring(0, sp).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(l.substring(sp + 1));
        }
        return out;
    }

    private Map<String, List<String>> fromFiles(SshTarget t) {
        List<Path> files = settings.configFile().map(List::of)
                .orElse(List.of(settings.home().resolve(".ssh/config"), Path.of("/etc/ssh/ssh_config")));
        Map<String, List<String>> o = SshConfigFile.resolve(t.host(), files, settings.home());
        t.user().ifPresent(u -> o.put("user", List.of(u)));
        t.port().ifPresent(p -> o.put("port", List.of(String.valueOf(p))));
        // OpenSSH's defaults for what the file left unset
        o.putIfAbsent("identityfile", new ArrayList<>(List.of("~/.ssh/id_rsa", "~/.ssh/id_ecdsa", "~/.ssh/id_ed25519")));
        o.putIfAbsent("userknownhostsfile", List.of("~/.ssh/known_hosts ~/.ssh/known_hosts2"));
        o.putIfAbsent("globalknownhostsfile", List.of("/etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2"));
        return o;
    }

    private String configName() {
        return settings.configFile().map(f -> " " + f).orElse("");
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).strip();
    }
}
