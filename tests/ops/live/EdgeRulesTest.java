package ops.live;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeRulesTest {
    static final Path EDGES = Path.of("examples/double-nat/edges");
    static final String EMPTY_NFT = "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\", \"json_schema_version\": 1}}]}";

    static String file(String name) throws IOException { return Files.readString(EDGES.resolve(name)); }

    @Test
    void iptablesWithNatRulesIsKeptAndNftDropped() throws IOException {
        var kept = EdgeRules.choose("e", Optional.of(file("EDGE1_VPNV4.iptables")), Optional.of(file("EDGE3_VPNV4.nft.json")));
        assertTrue(kept.iptables().isPresent());
        assertTrue(kept.nftJson().isEmpty());
        assertTrue(kept.natFound());
    }

    @Test
    void nftIsKeptWhenOnlyItHoldsNatRules() throws IOException {
        var kept = EdgeRules.choose("e", Optional.of(""), Optional.of(file("EDGE3_VPNV4.nft.json")));
        assertTrue(kept.iptables().isEmpty());
        assertEquals(file("EDGE3_VPNV4.nft.json"), kept.nftJson().orElseThrow());
    }

    @Test
    void withoutNatAnywhereTheEmptyIptablesOutputIsKept() {
        var kept = EdgeRules.choose("e", Optional.of(""), Optional.of(EMPTY_NFT));
        assertEquals(Optional.of(""), kept.iptables());
        assertTrue(kept.nftJson().isEmpty());
        assertFalse(kept.natFound());
    }

    @Test
    void whenIptablesFailedNftIsWhatWeHave() {
        var kept = EdgeRules.choose("e", Optional.empty(), Optional.of(EMPTY_NFT));
        assertEquals(Optional.of(EMPTY_NFT), kept.nftJson());
    }

    @Test
    void natRulesInANativeNftTableBesideIptablesAreRefused() throws IOException {
        String nativeNft = file("EDGE3_VPNV4.nft.json").replace("\"table\": \"nat\"", "\"table\": \"mynat\"")
                .replace("\"name\": \"nat\"", "\"name\": \"mynat\"");
        var e = assertThrows(ops.base.OpsException.class,
                () -> EdgeRules.choose("fw/edges/EDGE1_VPNV4", Optional.of(file("EDGE1_VPNV4.iptables")), Optional.of(nativeNft)));
        assertEquals("fw/edges/EDGE1_VPNV4: NAT rules both in iptables and in nftables table ip mynat; both are in force, so neither alone"
                + " says what the edge does; keep the edge's NAT in one tool (iptables-nft's own `ip nat` is fine)", e.getMessage());
    }
}
