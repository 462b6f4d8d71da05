package ops.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.stream.Stream;
import ops.audit.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Tag;

/**
 * The lab's own ground truth: for every scenario and every published path, a real
 * connection from the client (the admin, for SSH) through the edge's public address, and
 * what really happened, as the scenario file says it must:
 * PRESERVED (works, the server logs the client's address), MASQUERADED (works, the server
 * logs the edge's tunnel address), TRIANGULAR (fails, and the firewall sent the SYN-ACK out
 * through another tunnel), DOWN (fails, and no SYN-ACK left the firewall at all).
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabGroundTruthTest {
    private static Optional<String> unavailable;

    static void assumeLab() {
        if (unavailable == null) unavailable = Lab.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> unavailable.orElse(""));
    }

    @TestFactory
    Stream<DynamicContainer> everyPathOfEveryScenario() {
        return Scenario.all().stream().map(s -> dynamicContainer(s.name() + ": " + s.description(),
                s.paths().stream().map(path -> dynamicTest(s.name() + ": " + path + " is " + s.expected(path), () -> {
                    assumeLab();
                    Lab.ensure(s.name());
                    JsonNode r = Lab.probe(path.edge(), path.kind());
                    assertEquals(s.expected(path), measured(path, r), () -> s.name() + ", " + path + ": " + r);
                }))));
    }

    /** What the packets say, in the analyzer's terms; UNKNOWN for anything that fits no verdict. */
    static Verdict measured(Scenario.LabPath path, JsonNode r) {
        boolean ok = r.path("ok").asBoolean();
        String seen = r.path("seen").asText();
        String via = r.path("reply_via").asText();
        String arrived = r.path("arrived_on").asText();
        if (ok && via.equals(arrived)) {
            if (seen.equals(path.clientIp())) return Verdict.PRESERVED;
            if (seen.equals(path.edgeTunnelIp())) return Verdict.MASQUERADED;
        }
        if (!ok && !via.isEmpty() && !via.equals(arrived)) return Verdict.TRIANGULAR;
        if (!ok && via.isEmpty()) return Verdict.DOWN;
        return Verdict.UNKNOWN;
    }

    @AfterAll
    static void down() {
        Lab.down();
    }
}
