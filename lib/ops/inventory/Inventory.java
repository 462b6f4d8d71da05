package ops.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ops.base.OpsException;

/**
 * The hosts the toolkit reads: each firewall (its SSH target) and, per pfSense gateway, the edge
 * host behind it. Written in TOML (docs/inventory.md):
 *
 * <pre>
 * [firewalls.fw1]
 * ssh = "fw1"                       # ssh_config alias or [user@]host[:port]; default: the name
 *
 * [firewalls.fw1.edges]
 * EDGE1_VPNV4 = "edge1"             # pfSense gateway name = edge host
 * </pre>
 */
public record Inventory(Path source, Map<String, Firewall> firewalls) {

    /** One firewall: how to reach it and which host is the edge behind each gateway. */
    /** @param ignore finding codes accepted for this firewall (RA109 or pass-rule-without-reply-to), as --ignore takes them */
    public record Firewall(String name, String ssh, Map<String, String> edges, List<ops.audit.Code> ignore) {
        public Firewall(String name, String ssh, Map<String, String> edges) {
            this(name, ssh, edges, List.of());
        }
    }

    public static final String ENV = "OPS_INVENTORY";
    public static final String FILE_NAME = "ops.toml";
    private static final Set<String> FIREWALL_KEYS = Set.of("ssh", "edges", "ignore");

    public Optional<Firewall> firewall(String name) { return Optional.ofNullable(firewalls.get(name)); }

    /**
     * The inventory file to use, first found: {@code --inventory FILE}, $OPS_INVENTORY, ./ops.toml,
     * ~/.config/ops/ops.toml. A file named explicitly (option or variable) must exist.
     */
    public static Optional<Path> locate(Optional<Path> explicit, Map<String, String> env, Path cwd, Path home) {
        if (explicit.isPresent()) {
            return Optional.of(mustExist(explicit.get(), "--inventory"));
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(mustExist(Path.of(fromEnv), "$" + ENV));
        }
        for (Path p : List.of(cwd.resolve(FILE_NAME), home.resolve(".config/ops").resolve(FILE_NAME))) {
            if (Files.isRegularFile(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    public static Inventory read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new OpsException(file + ": cannot read the inventory (" + e.getMessage() + ")", e);
        }
        return parse(file, text);
    }

    static Inventory parse(Path file, String text) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(text);
        } catch (IOException e) {
            throw new OpsException(file + ": not valid TOML (" + oneLine(e.getMessage()) + "); see docs/inventory.md", e);
        }
        Map<String, Firewall> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> top : root.properties()) {
            String key = top.getKey();
            if (!key.equals("firewalls")) throw bad(file, key, "unknown table; the inventory has only [firewalls.NAME]");
        }
        JsonNode fws = root.path("firewalls");
        if (!fws.isMissingNode() && !fws.isObject()) throw bad(file, "firewalls", "must be a table: [firewalls.NAME]");
        for (Map.Entry<String, JsonNode> fw : fws.properties()) {
            String name = fw.getKey();
            JsonNode node = fw.getValue();
            if (!node.isObject()) throw bad(file, "firewalls." + name, "must be a table: [firewalls." + name + "]");
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String k = field.getKey();
                if (!FIREWALL_KEYS.contains(k)) throw bad(file, "firewalls." + name + "." + k, "unknown key; use ssh, edges or ignore");
            }
            String ssh = string(file, "firewalls." + name + ".ssh", node.get("ssh")).orElse(name);
            Map<String, String> edges = new LinkedHashMap<>();
            JsonNode e = node.path("edges");
            if (!e.isMissingNode() && !e.isObject()) {
                throw bad(file, "firewalls." + name + ".edges", "must be a table: [firewalls." + name + ".edges] GATEWAY = \"host\"");
            }
            for (Map.Entry<String, JsonNode> gw : e.properties()) {
                String where = "firewalls." + name + ".edges." + gw.getKey();
                edges.put(gw.getKey(), string(file, where, gw.getValue()).orElseThrow(() -> bad(file, where, "needs a host")));
            }
            out.put(name, new Firewall(name, ssh, Map.copyOf(edges), ignore(file, "firewalls." + name + ".ignore", node.get("ignore"))));
        }
        return new Inventory(file, Map.copyOf(out));
    }

    private static List<ops.audit.Code> ignore(Path file, String where, JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) return List.of();
        if (!v.isArray()) throw bad(file, where, "must be a list of finding codes, e.g. ignore = [\"RA109\"]");
        List<ops.audit.Code> out = new java.util.ArrayList<>();
        for (JsonNode c : v) {
            if (!c.isTextual()) throw bad(file, where, "must be a list of finding codes, e.g. ignore = [\"RA109\"]");
            try {
                out.add(ops.audit.Code.parse(c.asText()));
            } catch (OpsException e) {
                throw bad(file, where, e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static Optional<String> string(Path file, String where, JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) return Optional.empty();
        if (!v.isTextual() || v.asText().isBlank()) throw bad(file, where, "must be a non-empty string, e.g. \"edge1\"");
        return Optional.of(v.asText().trim());
    }

    private static Path mustExist(Path p, String from) {
        if (!Files.isRegularFile(p)) {
            throw new OpsException(p + ": no such inventory file (named by " + from + "); create it (see docs/inventory.md) or fix the path");
        }
        return p;
    }

    private static OpsException bad(Path file, String key, String why) {
        return new OpsException(file + ": " + key + ": " + why + " (see docs/inventory.md)");
    }

    private static String oneLine(String s) {
        if (s == null) return "parse error";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
