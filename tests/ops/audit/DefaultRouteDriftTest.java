package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import org.junit.jupiter.api.Test;

class DefaultRouteDriftTest {
    @Test
    void reportsWhenTheLiveDefaultRouteIsNotTheConfiguredGateway() {
        AuditResult r = SnapshotFixture.threeEdges().defaultGateway("EDGE2_VPNV4").liveDefaultVia("1").audit();
        Finding f = findings(r, Code.DEFAULT_ROUTE_DRIFT).get(0);
        assertTrue(f.message().contains("EDGE2_VPNV4") && f.message().contains("via EDGE1_VPNV4"), f.message());
    }

    @Test
    void reportsSplitRoutesThatOverrideTheDefault() {
        AuditResult r = SnapshotFixture.threeEdges().defaultGateway("EDGE2_VPNV4").splitDefaultVia("1").audit();
        Finding f = findings(r, Code.DEFAULT_ROUTE_DRIFT).get(0);
        assertTrue(f.message().contains("0.0.0.0/1"), f.message());
    }

    @Test
    void reportsALiveDefaultWhenConfigSaysNone() {
        assertTrue(has(SnapshotFixture.threeEdges().defaultGateway("-").audit(), Code.DEFAULT_ROUTE_DRIFT));
    }

    @Test
    void reportsADefaultGatewayNameThatDoesNotExist() {
        Finding f = findings(SnapshotFixture.threeEdges().defaultGateway("EDGE9_VPNV4").audit(), Code.DEFAULT_ROUTE_DRIFT).get(0);
        assertTrue(f.message().contains("EDGE9_VPNV4") && f.message().contains("known: "), f.message());
    }

    @Test
    void readsThePre244PerGatewayDefaultFlag() {
        AuditResult r = SnapshotFixture.threeEdges().legacyDefaultFlag("EDGE2_VPNV4").liveDefaultVia("1").audit();
        Finding f = findings(r, Code.DEFAULT_ROUTE_DRIFT).get(0);
        assertTrue(f.message().contains("default gateway EDGE2_VPNV4"), f.message());
    }

    @Test
    void staysQuietWhenTableAndConfigAgree() {
        assertFalse(has(SnapshotFixture.threeEdges().audit(), Code.DEFAULT_ROUTE_DRIFT));
    }

    @Test
    void staysQuietInAutomaticMode() {
        assertFalse(has(SnapshotFixture.threeEdges().defaultGateway("").liveDefaultVia("3").audit(), Code.DEFAULT_ROUTE_DRIFT));
    }
}
