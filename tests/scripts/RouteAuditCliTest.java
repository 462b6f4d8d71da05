import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import ops.support.Repo;
import ops.support.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouteAuditCliTest {
    private Path tmp;

    private static Run audit(String... args) {
        return Run.of(new RouteAudit(), args);
    }

    /** A copy of examples/double-nat to damage. */
    private Path copyOfExample() throws IOException {
        tmp = Files.createTempDirectory("route-audit-test");
        Path src = Repo.path("examples/double-nat");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.toList()) {
                Path dst = tmp.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(dst); else Files.copy(f, dst);
            }
        }
        return tmp;
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (tmp == null) return;
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }

    @Test
    void doubleNatExampleIsCriticalWithTriangularRouting() {
        Run r = audit("--snapshot", Repo.path("examples/double-nat").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.out().contains("TRIANGULAR"), r.out());
        assertTrue(r.out().contains("CRITICAL RA101 triangular-routing"), r.out());
    }

    @Test
    void fixedExampleIsOk() {
        Run r = audit("--snapshot", Repo.path("examples/fixed").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("PRESERVED"), r.out());
    }

    @Test
    void quietPrintsNothingWhenOk() {
        Run r = audit("--snapshot", Repo.path("examples/fixed").toString(), "--quiet");
        assertEquals(0, r.code());
        assertEquals("", r.out());
        assertTrue(audit("--snapshot", Repo.path("examples/double-nat").toString(), "-q").out().contains("CRITICAL"));
    }

    @Test
    void malformedXmlIsOneLineAndUnknown() throws IOException {
        Path dir = copyOfExample();
        Files.writeString(dir.resolve("config.xml"), "<pfsense><system></pfsense>");
        Run r = audit("--snapshot", dir.toString());
        assertEquals(3, r.code());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().startsWith("route-audit: ") && r.err().contains("not well-formed XML at line 1"), r.err());
    }

    @Test
    void missingSnapshotFileIsOneLineAndUnknown() throws IOException {
        Path dir = copyOfExample();
        Files.delete(dir.resolve("routes.txt"));
        Run r = audit("--snapshot", dir.toString());
        assertEquals(3, r.code());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains("routes.txt: missing"), r.err());
    }

    @Test
    void missingSnapshotFolderIsOneLineAndUnknown() {
        Run r = audit("--snapshot", "/nonexistent/snapshot");
        assertEquals(3, r.code());
        assertTrue(r.oneLineError() && r.err().contains("no such snapshot folder"), r.err());
    }

    @Test
    void unknownOptionIsOneLineAndUnknown() {
        Run r = audit("--snapshot", "x", "--frobnicate");
        assertEquals(3, r.code());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains("Unknown option: '--frobnicate'") && r.err().contains("(try --help)"), r.err());
    }

    @Test
    void emptyRoutingTableIsOneLineAndUnknown() throws IOException {
        Path dir = copyOfExample();
        Files.writeString(dir.resolve("routes.txt"), "Routing tables\n\nInternet:\nDestination        Gateway            Flags     Netif Expire\n");
        Run r = audit("--snapshot", dir.toString());
        assertEquals(3, r.code());
        assertTrue(r.oneLineError() && r.err().contains("empty routing table"), r.err());
    }

    @Test
    void edgeFileForAnUnknownGatewayNamesTheKnownOnes() throws IOException {
        Path dir = copyOfExample();
        Files.writeString(dir.resolve("edges/EDGE9_VPNV4.iptables"), "*nat\nCOMMIT\n");
        Run r = audit("--snapshot", dir.toString());
        assertEquals(3, r.code());
        assertTrue(r.oneLineError() && r.err().contains("no gateway EDGE9_VPNV4") && r.err().contains("EDGE1_VPNV4, EDGE2_VPNV4"), r.err());
    }

    @Test
    void debugShowsTheStackTrace() throws IOException {
        Path dir = copyOfExample();
        Files.writeString(dir.resolve("config.xml"), "<pfsense>");
        Run r = audit("--snapshot", dir.toString(), "--debug");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void nagiosFailureIsAnUnknownStatusLine() throws IOException {
        Path dir = copyOfExample();
        Files.writeString(dir.resolve("config.xml"), "<pfsense>");
        Run r = audit("--snapshot", dir.toString(), "--format", "nagios");
        assertEquals(3, r.code());
        assertTrue(r.out().startsWith("ROUTE-AUDIT UNKNOWN - "), r.out());
    }

    @Test
    void jsonIsExactlyOneDocumentOnStdout() throws Exception {
        Run r = audit("--snapshot", Repo.path("examples/double-nat").toString(), "--json");
        assertEquals(2, r.code());
        var tree = ops.json.Json.mapper().readTree(r.out());
        assertEquals("CRITICAL", tree.get("status").asText());
        assertEquals(6, tree.get("paths").size());
        assertEquals("", r.err());
        assertEquals(3, audit("--snapshot", "x", "--json", "--format", "nagios").code());
    }

    @Test
    void prometheusOutputFileIsWrittenAtomically() throws IOException {
        tmp = Files.createTempDirectory("prom");
        Path out = tmp.resolve("route_audit.prom");
        Run r = audit("--snapshot", Repo.path("examples/double-nat").toString(), "--format", "prometheus", "--output", out.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        String prom = Files.readString(out);
        assertTrue(prom.contains("ops_route_audit_status{target=\"" + Repo.path("examples/double-nat") + "\"} 2"), prom);
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void helpListsTheExitCodes() {
        Run r = audit("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("3   UNKNOWN") || r.out().contains("3:UNKNOWN") || r.out().contains("UNKNOWN: could not read"), r.out());
    }
}
