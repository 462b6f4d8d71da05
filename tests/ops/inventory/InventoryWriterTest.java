package ops.inventory;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ops.base.OpsException;
import ops.discovery.EdgeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --write-inventory's file: what discovery found, as an inventory that reads back to the same mapping. */
class InventoryWriterTest {
    static final List<EdgeSource> EDGES = List.of(
            EdgeSource.named("EDGE1_VPNV4", "vps1", EdgeSource.Origin.COMMAND_LINE, "--edge"),
            new EdgeSource("EDGE2_VPNV4", Optional.of("ops@203.0.113.12:2222"), EdgeSource.Origin.SSH_CONFIG,
                    "ssh_config Host whose HostName is 203.0.113.12, the OpenVPN client's server", Optional.of("203.0.113.12"), Optional.empty()),
            new EdgeSource("EDGE3_WG", Optional.of("203.0.113.13"), EdgeSource.Origin.ADDRESS, "the WireGuard peer's endpoint itself",
                    Optional.of("203.0.113.13"), Optional.empty()).unreached("203.0.113.13: no SSH answer within 3 s"),
            new EdgeSource("RW_VPNV4", Optional.empty(), EdgeSource.Origin.NONE, "ovpns1 is an OpenVPN server", Optional.empty(), Optional.empty()));

    @Test
    void readsBackAsTheSameMappingWithTheUnreadEdgesCommentedOut(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ops.toml");
        InventoryWriter.write(f, "fw 1", "root@192.0.2.1", EDGES);
        Inventory inv = Inventory.read(f);
        Inventory.Firewall fw = inv.firewall("fw 1").orElseThrow();
        assertEquals("root@192.0.2.1", fw.ssh());
        assertEquals(Map.of("EDGE1_VPNV4", "vps1", "EDGE2_VPNV4", "ops@203.0.113.12:2222"), fw.edges());
        String text = Files.readString(f);
        assertTrue(text.contains("[firewalls.\"fw 1\".edges]\n"), text);
        assertTrue(text.contains("EDGE2_VPNV4 = \"ops@203.0.113.12:2222\"  # ssh_config Host whose HostName is 203.0.113.12, the OpenVPN "
                + "client's server\n"), text);
        assertTrue(text.contains("# EDGE3_WG = \"203.0.113.13\"  # not reached; fix it, then remove the first '#': EDGE3_WG: edge"), text);
        assertTrue(text.contains("# RW_VPNV4: no edge found: ovpns1 is an OpenVPN server\n"), text);
        // written again over itself: fine
        InventoryWriter.write(f, "fw 1", "root@192.0.2.1", EDGES.subList(0, 1));
        assertEquals(Map.of("EDGE1_VPNV4", "vps1"), Inventory.read(f).firewall("fw 1").orElseThrow().edges());
    }

    @Test
    void aFileNamingOtherFirewallsOrNoInventoryIsLeftAlone(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ops.toml");
        String fleet = "[firewalls.fw1]\n[firewalls.fw2]\n";
        Files.writeString(f, fleet);
        OpsException e = assertThrows(OpsException.class, () -> InventoryWriter.write(f, "fw1", "fw1", EDGES));
        assertEquals(f + ": also names firewall(s) fw2, which --write-inventory would drop (it writes fw1's table only); name a new "
                + "file and merge the table by hand", e.getMessage());
        assertEquals(fleet, Files.readString(f));
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "my notes = [");
        OpsException e2 = assertThrows(OpsException.class, () -> InventoryWriter.write(notes, "fw1", "fw1", EDGES));
        assertTrue(e2.getMessage().startsWith(notes + ": is there and is not an inventory"), e2.getMessage());
        assertEquals("my notes = [", Files.readString(notes));
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temp file left");
        }
    }

    @Test
    void keysAndStringsAreQuotedAsTomlNeeds() {
        assertEquals("EDGE1_VPNV4", InventoryWriter.key("EDGE1_VPNV4"));
        assertEquals("\"fw.example.net\"", InventoryWriter.key("fw.example.net"));
        assertEquals("\"a\\\"b\\\\c\\n\"", InventoryWriter.string("a\"b\\c\n"));
    }
}
