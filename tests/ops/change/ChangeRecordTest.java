package ops.change;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import ops.defaultgw.DefaultRouteRecord;
import ops.nat.NatRecord;
import org.junit.jupiter.api.Test;

/** Records as earlier versions wrote them (free-text statuses, the same keys) read into the typed records. */
class ChangeRecordTest {
    @Test
    void anOlderNatToggleRecordReads() throws Exception {
        Path dir = Files.createTempDirectory("ops-records");
        Path f = Files.createDirectories(dir.resolve("changes")).resolve("nat-toggle-fw-EDGE1_VPNV4-20260101-000000.json");
        Files.writeString(f, """
                {"script":"nat-toggle","id":"20260101-000000","firewall":"fw","configRevision":"1","gateway":"EDGE1_VPNV4",
                 "edge":"edge1","action":"on","tool":"iptables","tunnel":"tun0","status":"edge applied, not persisted (connection lost)",
                 "edgeBefore":"a\\n","edgeUndo":{"command":"iptables-restore --noflush","delta":"*nat\\nCOMMIT\\n","summary":"remove x"},
                 "edgeAfter":"b\\n","firewallUndo":{"spec":"{}"}}
                """);
        NatRecord r = Journal.read(new StateDir(dir), f, NatRecord.class, "a nat-toggle change record").record();
        assertEquals(Status.EDGE_APPLIED_UNPERSISTED, r.status);
        assertEquals("iptables-restore --noflush", r.edgeUndo.command());
        assertEquals("{}", r.firewallUndo.spec());
    }

    @Test
    void anOlderDefaultRouteRecordReadsAndWritesTheSameWords() throws Exception {
        Path dir = Files.createTempDirectory("ops-records");
        Path f = Files.createDirectories(dir.resolve("changes")).resolve("default-route-fw-20260101-000000.json");
        Files.writeString(f, """
                {"script":"default-route","id":"20260101-000000","firewall":"fw","previous":"EDGE1_VPNV4","previousDescribed":"EDGE1_VPNV4",
                 "new":"EDGE2_VPNV4","configRevision":"1","revertPhp":"<?php","autoRevert":true,"status":"applied, awaiting confirmation"}
                """);
        Journal<DefaultRouteRecord> j = Journal.read(new StateDir(dir), f, DefaultRouteRecord.class, "a default-route change record");
        assertEquals("EDGE2_VPNV4", j.record().chosen);
        assertEquals(Status.AWAITING_CONFIRMATION, j.record().status);
        j.record().status = Status.ROLLED_BACK;
        j.save();
        String written = Files.readString(f);
        assertTrue(written.contains("\"new\" : \"EDGE2_VPNV4\"") && written.contains("\"status\" : \"rolled back\""), written);
    }
}
