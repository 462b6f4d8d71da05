package ops.live;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import ops.base.OpsException;
import ops.inventory.Inventory;
import org.junit.jupiter.api.Test;

class LiveTargetTest {
    static final Inventory INV = new Inventory(Path.of("ops.toml"), Map.of("fw1",
            new Inventory.Firewall("fw1", "admin@fw1.example.net", Map.of("EDGE1_VPNV4", "edge1", "EDGE2_VPNV4", "edge2"))));

    @Test
    void theInventoryGivesSshTargetAndEdgesAndTheCommandLineWinsPerGateway() {
        LiveTarget t = LiveTarget.of("fw1", Map.of("EDGE2_VPNV4", "edge2b", "EDGE3_VPNV4", "edge3"), Optional.of(INV));
        assertEquals("admin@fw1.example.net", t.ssh());
        assertEquals(Map.of("EDGE1_VPNV4", "edge1", "EDGE2_VPNV4", "edge2b", "EDGE3_VPNV4", "edge3"), t.edges());
    }

    @Test
    void aFirewallNotInTheInventoryIsItsOwnSshTarget() {
        LiveTarget t = LiveTarget.of("fw9", Map.of("EDGE1_VPNV4", "e1"), Optional.of(INV));
        assertEquals("fw9", t.ssh());
        assertEquals(Map.of("EDGE1_VPNV4", "e1"), t.edges());
        assertEquals("fw9", LiveTarget.of("fw9", Map.of(), Optional.empty()).ssh());
    }

    @Test
    void anEmptyEdgeHostIsRefused() {
        Map<String, String> bad = new java.util.HashMap<>();
        bad.put("EDGE1_VPNV4", "");
        assertThrows(OpsException.class, () -> LiveTarget.of("fw1", bad, Optional.empty()));
    }
}
