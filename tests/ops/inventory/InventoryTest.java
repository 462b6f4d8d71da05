package ops.inventory;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import ops.base.OpsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTest {
    static final Path F = Path.of("ops.toml");

    @Test
    void readsFirewallsTheirSshTargetAndEdges() {
        Inventory inv = Inventory.parse(F, """
                # comment
                [firewalls.fw1]
                ssh = "admin@192.0.2.1:2222"

                [firewalls.fw1.edges]
                EDGE1_VPNV4 = "edge1"
                EDGE2_VPNV4 = "ops@203.0.113.12"

                [firewalls.lab]
                """);
        Inventory.Firewall fw1 = inv.firewall("fw1").orElseThrow();
        assertEquals("admin@192.0.2.1:2222", fw1.ssh());
        assertEquals(Map.of("EDGE1_VPNV4", "edge1", "EDGE2_VPNV4", "ops@203.0.113.12"), fw1.edges());
        assertEquals("lab", inv.firewall("lab").orElseThrow().ssh(), "ssh defaults to the name");
        assertTrue(inv.firewall("nope").isEmpty());
    }

    @Test
    void mistakesAreOneLineNamingFileAndKey() {
        OpsException typo = assertThrows(OpsException.class, () -> Inventory.parse(F, "[firewalls.fw1]\nshh = \"x\"\n"));
        assertEquals("ops.toml: firewalls.fw1.shh: unknown key; use ssh, edges or ignore (see docs/inventory.md)", typo.getMessage());
        OpsException number = assertThrows(OpsException.class, () -> Inventory.parse(F, "[firewalls.fw1.edges]\nGW = 5\n"));
        assertTrue(number.getMessage().startsWith("ops.toml: firewalls.fw1.edges.GW: must be a non-empty string"), number.getMessage());
        OpsException top = assertThrows(OpsException.class, () -> Inventory.parse(F, "[edges]\nGW = \"e\"\n"));
        assertTrue(top.getMessage().contains("edges: unknown table"), top.getMessage());
        OpsException syntax = assertThrows(OpsException.class, () -> Inventory.parse(F, "[firewalls.fw1\n"));
        assertTrue(syntax.getMessage().startsWith("ops.toml: not valid TOML ("), syntax.getMessage());
        assertFalse(syntax.getMessage().contains("\n"));
    }

    @Test
    void lookupOrderIsOptionThenVariableThenWorkingFolderThenUserConfig(@TempDir Path dir) throws IOException {
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path user = Files.createDirectories(home.resolve(".config/ops")).resolve("ops.toml");
        Files.writeString(user, "");
        assertEquals(Optional.of(user), Inventory.locate(Optional.empty(), Map.of(), cwd, home));
        Path local = Files.writeString(cwd.resolve("ops.toml"), "");
        assertEquals(Optional.of(local), Inventory.locate(Optional.empty(), Map.of(), cwd, home));
        Path env = Files.writeString(dir.resolve("env.toml"), "");
        assertEquals(Optional.of(env), Inventory.locate(Optional.empty(), Map.of("OPS_INVENTORY", env.toString()), cwd, home));
        Path opt = Files.writeString(dir.resolve("opt.toml"), "");
        assertEquals(Optional.of(opt), Inventory.locate(Optional.of(opt), Map.of("OPS_INVENTORY", env.toString()), cwd, home));
        assertTrue(Inventory.locate(Optional.empty(), Map.of(), dir.resolve("x"), dir.resolve("y")).isEmpty());
        OpsException missing = assertThrows(OpsException.class,
                () -> Inventory.locate(Optional.empty(), Map.of("OPS_INVENTORY", "/no/such.toml"), cwd, home));
        assertTrue(missing.getMessage().startsWith("/no/such.toml: no such inventory file (named by $OPS_INVENTORY)"));
    }
}
