package ops.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import ops.base.OpsException;

/**
 * Every parser of the toolkit behind one door, for fuzzing: the input may be anything, the
 * only allowed failure is an {@link OpsException} whose message is one line that says where.
 * Anything else escaping (NullPointerException, IndexOutOfBounds, StackOverflowError...) is a finding.
 */
public final class Parsers {
    private Parsers() {}

    public static final Map<String, Consumer<String>> ALL = Map.ofEntries(
            Map.entry("config-xml", t -> ops.pfsense.ConfigXmlReader.read("fuzz", t)),
            Map.entry("netstat", t -> ops.route.NetstatReader.read("fuzz", t)),
            Map.entry("ifconfig", t -> ops.pfsense.IfconfigReader.read("fuzz", t)),
            Map.entry("ip-route-json", t -> ops.route.IpRouteJsonReader.read("fuzz", t)),
            Map.entry("iptables-save", t -> ops.edge.IptablesSaveReader.read("fuzz", t)),
            Map.entry("nft-json", t -> ops.edge.NftJsonReader.read("fuzz", t)),
            Map.entry("ip-addr-json", t -> ops.edge.IpAddrJsonReader.read("fuzz", t)),
            Map.entry("gateway-status", t -> ops.pfsense.GatewayStatusReader.read("fuzz", t)),
            Map.entry("pfctl-rules", t -> ops.pfsense.PfRulesReader.read("fuzz", t)),
            Map.entry("routers", t -> ops.pfsense.RoutersReader.read("fuzz", t)),
            Map.entry("ssh-config", Parsers::sshConfig),
            Map.entry("tcpdump", t -> ops.probe.TcpdumpReader.read("ovpnc1", t)),
            Map.entry("echo-page", t -> ops.probe.EchoPageReader.read("fuzz", t)),
            Map.entry("inventory-toml", Parsers::inventory));

    public static List<String> names() {
        return ALL.keySet().stream().sorted().toList();
    }

    /** Feeds {@code data} to one parser; returns normally or throws a finding. */
    public static void check(String parser, byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            ALL.get(parser).accept(text);
        } catch (OpsException e) {
            String m = e.getMessage();
            if (m == null || m.isBlank() || m.contains("\n")) {
                throw new IllegalStateException(parser + ": a parse error must be one line, got: " + m, e);
            }
        }
    }

    private static void sshConfig(String text) {
        withFile(text, f -> {
            ops.ssh.SshConfigFuzzAccess.resolve("fw1", f);
            ops.ssh.SshConfigFuzzAccess.hostAliases(f);
        });
    }

    private static void inventory(String text) {
        withFile(text, ops.inventory.Inventory::read);
    }

    private static void withFile(String text, Consumer<Path> reader) {
        Path f = null;
        try {
            f = Files.createTempFile("ops-fuzz", ".txt");
            Files.writeString(f, text);
            reader.accept(f);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                if (f != null) Files.deleteIfExists(f);
            } catch (java.io.IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
