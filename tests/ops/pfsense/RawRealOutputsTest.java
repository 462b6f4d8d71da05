package ops.pfsense;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ops.net.IpAddress;
import ops.support.Repo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every raw output in tests/fixtures/real/raw (shapes of real, published outputs) reads with its reader. */
class RawRealOutputsTest {
    static final Path RAW = Repo.root().resolve("tests/fixtures/real/raw");

    /** The reader for a raw file, by the command its name starts with. */
    static final Map<String, Consumer<String>> READERS = Map.of(
            "ifconfig", t -> IfconfigReader.read("raw", t),
            "netstat-rn", t -> ops.route.NetstatReader.read("raw", t),
            "gatewaystatus", t -> GatewayStatusReader.read("raw", t),
            "pfctl-sr", t -> PfRulesReader.read("raw", t),
            "routers", t -> RoutersReader.read("raw", t),
            "iptables-save", t -> ops.edge.IptablesSaveReader.read("raw", t),
            "nft-j", t -> ops.edge.NftJsonReader.read("raw", t),
            "ip-j-addr", t -> ops.edge.IpAddrJsonReader.read("raw", t),
            "ip-j-route", t -> ops.route.IpRouteJsonReader.read("raw", t));

    @TestFactory
    Stream<DynamicTest> everyRawOutputReads() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(RAW)) {
            files = s.filter(f -> !f.getFileName().toString().contains("libxo")).sorted().toList();
        }
        assertTrue(files.size() >= 30, "raw outputs: " + files.size());
        return files.stream().map(f -> dynamicTest(f.getFileName().toString(), () -> {
            String name = f.getFileName().toString();
            Consumer<String> reader = READERS.entrySet().stream().filter(e -> name.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no reader for " + name));
            reader.accept(Files.readString(f));
        }));
    }

    @Test
    void pfSense24UnmonitoredGatewayPrintsNoneTwiceAndNeitherIsDown() {
        Map<String, GatewayStatus> s = GatewayStatusReader.read("g", Repo.read("tests/fixtures/real/raw/gatewaystatus-pfsense24-monitor-disabled.txt"));
        assertEquals("none", s.get("WAN2_GW").monitor());
        assertEquals("192.0.2.34", s.get("WAN2_GW").source());
        assertEquals("none", s.get("WAN2_GW").status(), "2.4's Status column says none for a healthy gateway");
    }

    @Test
    void tapAndSubnetTunnelsTheWayFreeBsdPrintsThem() {
        Map<String, FirewallInterface> tap = IfconfigReader.read("i", Repo.read("tests/fixtures/real/raw/ifconfig-pfsense27-ovpnc-tap.txt"))
                .stream().collect(Collectors.toMap(FirewallInterface::device, i -> i));
        FirewallInterface.Address a = tap.values().stream().filter(i -> i.device().startsWith("ovpnc")).findFirst().orElseThrow()
                .addresses().get(0);
        assertTrue(a.remote().isEmpty(), "tap is a broadcast interface: " + a);
        assertTrue(a.prefixLen() < 32);
        FirewallInterface.Address subnet = IfconfigReader.read("i", Repo.read("tests/fixtures/real/raw/ifconfig-pfsense26-ovpnc-subnet-remote-end.txt"))
                .stream().filter(i -> i.device().startsWith("ovpnc")).findFirst().orElseThrow().addresses().get(0);
        assertEquals(24, subnet.prefixLen(), "OpenVPN 2.5 subnet on FreeBSD: A --> network+1 netmask 0xffffff00");
        assertTrue(subnet.remote().isPresent());
        assertNotEquals(subnet.local(), subnet.remote().get());
        assertEquals(IpAddress.Family.INET, subnet.local().family());
    }
}
