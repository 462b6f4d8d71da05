package ops.ssh;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import ops.base.OpsException;

/**
 * Our own ssh_config reader, used only where OpenSSH's client is not installed (otherwise
 * `ssh -G` answers, with Match and every other rule exactly). It knows Host blocks with
 * patterns and negation, Include, "first value wins" and the keys this toolkit uses; Match
 * blocks are skipped (they need OpenSSH to evaluate).
 */
final class SshConfigFile {
    private SshConfigFile() {}

    private static final Set<String> KEYS = Set.of("hostname", "user", "port", "identityfile", "proxyjump",
            "proxycommand", "connecttimeout", "userknownhostsfile", "globalknownhostsfile", "stricthostkeychecking",
            "hostkeyalias", "hashknownhosts", "identityagent", "identitiesonly", "certificatefile");
    private static final Set<String> MULTI = Set.of("identityfile", "certificatefile");

    /** The settings for `host` from the given files in order (the first value of a key wins). */
    static Map<String, List<String>> resolve(String host, List<Path> files, Path home) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Path f : files) {
            if (Files.isReadable(f)) read(f, host, home, out, new boolean[] {true}, 0);
        }
        return out;
    }

    private static void read(Path file, String host, Path home, Map<String, List<String>> out, boolean[] active, int depth) {
        List<String> lines = lines(file, depth);
        int n = 0;
        for (String raw : lines) {
            n++;
            List<String> words = words(raw);
            if (words.isEmpty()) continue;
            String key = words.get(0).toLowerCase(Locale.ROOT);
            List<String> args = words.subList(1, words.size());
            switch (key) {
                case "host" -> active[0] = matches(host, args);
                case "match" -> active[0] = args.size() == 1 && args.get(0).equalsIgnoreCase("all");
                case "include" -> {
                    if (!active[0]) continue;
                    for (String pattern : args) {
                        for (Path inc : glob(pattern, file, home)) read(inc, host, home, out, active, depth + 1);
                    }
                }
                default -> {
                    if (!active[0] || !KEYS.contains(key)) continue;
                    if (args.isEmpty()) throw new OpsException(file + ":" + n + ": " + words.get(0) + " needs a value");
                    String value = key.equals("userknownhostsfile") || key.equals("globalknownhostsfile")
                            ? String.join(" ", args) : args.get(0);
                    if (key.equals("hostname")) value = value.replace("%h", host).replace("%%", "%");
                    if (key.equals("proxycommand")) value = restOfLine(raw); // a shell command: quotes and spacing are its own
                    // ProxyJump and ProxyCommand are one setting in OpenSSH: whichever comes first wins
                    if ((key.equals("proxyjump") && out.containsKey("proxycommand"))
                            || (key.equals("proxycommand") && out.containsKey("proxyjump"))) continue;
                    if (MULTI.contains(key)) {
                        out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                    } else {
                        out.putIfAbsent(key, new ArrayList<>(List.of(value)));
                    }
                }
            }
        }
    }

    /**
     * Every host name the files' {@code Host} lines name literally, in reading order (an Include is
     * read where it stands, whatever block it is in; the first mention of a name counts): no
     * wildcard patterns, no negations. Match lines name no hosts this way and are passed over.
     */
    static List<String> hostAliases(List<Path> files, Path home) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (Path f : files) {
            if (Files.isReadable(f)) aliases(f, home, out, 0);
        }
        return List.copyOf(out);
    }

    private static void aliases(Path file, Path home, java.util.Set<String> out, int depth) {
        List<String> lines = lines(file, depth);
        for (String raw : lines) {
            List<String> words = words(raw);
            if (words.isEmpty()) continue;
            String key = words.get(0).toLowerCase(Locale.ROOT);
            if (key.equals("host")) {
                for (String p : words.subList(1, words.size())) {
                    if (!p.isEmpty() && !p.startsWith("!") && p.indexOf('*') < 0 && p.indexOf('?') < 0) out.add(p);
                }
            } else if (key.equals("include")) {
                for (String pattern : words.subList(1, words.size())) {
                    for (Path inc : glob(pattern, file, home)) aliases(inc, home, out, depth + 1);
                }
            }
        }
    }

    /** The lines of a file read at this depth of Includes (an Include loop ends in one line). */
    private static List<String> lines(Path file, int depth) {
        if (depth > 16) throw new OpsException(file + ": Include nested too deeply; check for an Include loop");
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new OpsException(file + ": cannot read ssh_config (" + e.getMessage() + ")", e);
        }
    }

    /** A Host line: any positive pattern matches and no negated one does. */
    static boolean matches(String host, List<String> patterns) {
        boolean hit = false;
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            String pattern = negated ? p.substring(1) : p;
            if (glob(pattern).matcher(host.toLowerCase(Locale.ROOT)).matches()) {
                if (negated) return false;
                hit = true;
            }
        }
        return hit;
    }

    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /** Include paths: relative ones are under ~/.ssh (user config) as in OpenSSH; globs allowed. */
    private static List<Path> glob(String pattern, Path from, Path home) {
        List<Path> found = new ArrayList<>();
        try {
            String expanded = pattern.startsWith("~/") ? home.resolve(pattern.substring(2)).toString() : pattern;
            Path p = Path.of(expanded);
            if (!p.isAbsolute()) p = home.resolve(".ssh").resolve(expanded);
            Path dir = p.getParent();
            if (dir == null || p.getFileName() == null || !Files.isDirectory(dir)) return found;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p.getFileName().toString())) {
                ds.forEach(found::add);
            }
        } catch (IOException e) {
            throw new OpsException(from + ": cannot list Include " + pattern + " (" + e.getMessage() + ")", e);
        } catch (java.nio.file.InvalidPathException | java.util.regex.PatternSyntaxException e) {
            throw new OpsException(from + ": Include " + oneLine(pattern) + " is not a usable path or pattern; fix that line", e);
        }
        found.sort(null);
        return found;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    /** Splits a line into words: `Key value`, `Key=value`, "quoted args", # comments. */
    /** Everything after the keyword (and its optional `=`), as OpenSSH keeps ProxyCommand. */
    static String restOfLine(String line) {
        String s = line.strip();
        int i = 0;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '=') i++;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        if (i < s.length() && s.charAt(i) == '=') i++;
        return s.substring(i).strip();
    }

    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) return out;
        int eq = s.indexOf('=');
        int sp = indexOfSpace(s);
        if (eq > 0 && (sp < 0 || eq < sp)) s = s.substring(0, eq) + " " + s.substring(eq + 1);
        StringBuilder cur = null;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                if (cur == null) cur = new StringBuilder();
            } else if (!quoted && Character.isWhitespace(c)) {
                if (cur != null) out.add(cur.toString());
                cur = null;
            } else if (!quoted && c == '#' && cur == null) {
                break;
            } else {
                if (cur == null) cur = new StringBuilder();
                cur.append(c);
            }
        }
        if (cur != null) out.add(cur.toString());
        return out;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }
}
