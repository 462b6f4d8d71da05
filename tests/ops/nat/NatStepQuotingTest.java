package ops.nat;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import ops.change.Command;
import ops.change.Host;
import ops.json.Json;
import ops.pfsense.OutboundNatEdit;
import ops.remote.Remote;
import ops.support.HostileText;
import org.junit.jupiter.api.Test;

/**
 * nat-toggle's steps built with hostile names (gateway, interface, descriptions, the change id
 * that names backups): real `php` finds them only inside plain strings of the outbound NAT
 * snippets, and real `sh` gets the persist commands' words whole.
 */
class NatStepQuotingTest {
    private static Host host(String name) {
        return Host.of(new Remote() {
            public String name() { return name; }

            public Result run(String command, String stdin, Duration timeout) { throw new AssertionError("ran " + command); }
        });
    }

    @Test
    void theOutboundNatEditAndItsUndoKeepHostileNamesInPlainPhpStrings() throws Exception {
        for (String marked : HostileText.marked()) {
            OutboundNatEdit edit = new OutboundNatEdit().removeOnInterface(marked, true);
            edit.insert(0, OutboundNatEdit.rule(marked, true, marked));
            OutboundNatStep step = new OutboundNatStep(host(marked), marked, edit, marked, marked, marked, true, Optional.of(new NatRecord()), true);
            HostileText.assertPlainPhp("outbound NAT edit", step.command().stdin());
            String removed = "[" + Json.mapper().writeValueAsString(java.util.Map.of("index", 0, "rule", OutboundNatEdit.rule(marked, false, marked))) + "]";
            OutboundNatStep undo = new OutboundNatStep(host(marked), marked, edit.inverse(removed), marked, marked, marked, false, Optional.empty(), false);
            HostileText.assertPlainPhp("its undo", undo.command().stdin());
        }
    }

    @Test
    void persistingTheRulesKeepsAHostileChangeIdWholeInEveryWord() throws Exception {
        for (String marked : HostileText.marked()) {
            for (String how : new String[] {"netfilter-persistent", "file", "nftables.conf"}) {
                Path dir = Files.createTempDirectory("ops-quoting");
                Persistence p = new Persistence(how, dir.resolve("rules").toString());
                Files.writeString(Path.of(p.file()), "");
                EdgeSide edge = new EdgeSide(host("edge1"), how.equals("nftables.conf") ? "nftables" : "iptables", "tun0");
                Command c = new EdgePersist(edge, p, marked, Optional.empty(), Optional.empty()).command();
                HostileText.assertPlainSh("persist with " + how, c.line(), c.stdin(), marked, dir);
            }
        }
    }
}
