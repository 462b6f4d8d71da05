package ops.lab;

import ops.change.StateDir;
import org.junit.jupiter.api.BeforeEach;

/**
 * What {@link LabRealIpTest} and {@link LabRealIpUnconfirmedTest} share: each test starts from the
 * fixed scenario with a state folder of its own and leaves the lab to be brought up again.
 */
abstract class RealIpLabTests extends LabChangingTests {
    StateDir state;
    final LabNetwork.Output out = new LabNetwork.Output();

    @BeforeEach
    void fresh() {
        LabGroundTruthTest.assumeLab();
        state = LabNetwork.freshState();
        Lab.ensure("fixed"); // EDGE1 default, no masquerade; EDGE2 (iptables) and EDGE3 (nftables) masquerade
    }
}
