package ops.defaultgw;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.change.Command;
import ops.change.Journal;
import ops.change.Plan;
import ops.change.RemoteLock;
import ops.change.StateDir;
import ops.change.Step;
import ops.model.Gateway;
import ops.net.IpAddress;
import ops.pfsense.OutboundNatEdit;
import ops.pfsense.PhpSnippet;
import ops.remote.LocalShell;
import ops.remote.Network;
import ops.remote.Remote;
import ops.snapshot.Snapshot;
import ops.support.HostileText;
import ops.text.Shell;
import org.junit.jupiter.api.Test;

/**
 * Names from config.xml (gateways, descriptions), the command line (the firewall) and change
 * records (ids) reach PHP and the shell on the firewall: real `php` tokenizes every snippet built
 * with hostile names, real `sh` runs every command line default-route's steps build (its programs
 * replaced by stubs that record their arguments), and each name must arrive as plain text,
 * never as code, a variable or an interpolation.
 */
class PhpSnippetQuotingTest {
    static final List<String> HOSTILE = HostileText.NAMES;

    private static void plainStringsOnly(String what, String php) throws Exception {
        HostileText.assertPlainPhp(what, php);
    }

    @Test
    void hostileGatewayNamesAndDescriptionsStayPlainTextInEveryPhpSnippet() throws Exception {
        for (String marked : HostileText.marked()) {
            plainStringsOnly("set", DefaultGatewayPhp.set("1700000000", marked, marked));
            plainStringsOnly("revert", DefaultGatewayPhp.revert(marked, marked, marked));
            plainStringsOnly("revision guard", PhpSnippet.HEADER + PhpSnippet.revisionGuard(marked));
            OutboundNatEdit edit = new OutboundNatEdit();
            edit.removeByDescription(marked);
            plainStringsOnly("outbound NAT", edit.php(marked, marked));
        }
    }

    @Test
    void literalRoundTripsThroughRealPhp() throws Exception {
        assumeTrue(new ProcessBuilder("php", "-v").start().waitFor() == 0, "php-cli is not installed");
        for (String name : HOSTILE) {
            Process p = new ProcessBuilder("php", "-r", "echo " + PhpSnippet.literal(name) + ";").redirectErrorStream(true).start();
            assertEquals(name, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, p.waitFor());
        }
    }

    @Test
    void shellQuotingRoundTripsThroughRealSh() throws IOException, InterruptedException {
        for (String name : HOSTILE) {
            Process p = new ProcessBuilder("sh", "-c", "printf %s " + Shell.quote(name)).redirectErrorStream(true).start();
            assertEquals(name, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, p.waitFor());
        }
    }

    @Test
    void everyStepOfEveryDefaultRoutePlanKeepsHostileNamesPlain() throws Exception {
        for (String marked : HostileText.marked()) {
            for (Plan plan : plans(marked)) {
                for (Step step : steps(plan)) {
                    for (Command c : commands(step)) {
                        String what = plan.summary() + ": " + step.why() + ": " + c.text();
                        if (c.stdin().startsWith("<?php")) plainStringsOnly(what, c.stdin());
                        if (!c.line().contains(HostileText.MARK)) continue;
                        Path dir = Files.createTempDirectory("ops-quoting");
                        // the revert's folders (timer, persistent, boot hooks, run marks), moved where the test may write
                        String line = c.line();
                        for (String d : List.of(RevertTimer.DIR, BootRevert.DIR, BootRevert.RC_D, BootRevert.RUN)) {
                            Path moved = Files.createDirectories(dir.resolve(d.substring(1).replace('/', '-')));
                            line = line.replace(d, moved.toString());
                        }
                        HostileText.assertPlainSh(what, line, c.stdin(), marked, dir);
                    }
                }
            }
        }
    }

    @Test
    void aHostileLockOwnerIsWrittenAsPlainText() {
        String name = "quoting-test-" + ProcessHandle.current().pid();
        for (String marked : HostileText.marked()) {
            try (RemoteLock lock = RemoteLock.acquire(LocalShell.here(), name, "default-route " + marked)) {
                assertEquals("default-route " + marked + "\n", Files.readString(Path.of(RemoteLock.path(name), "owner")));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** default-route's plans (set with and without the safety net, confirm, rollback), every name in them hostile. */
    private static List<Plan> plans(String marked) throws IOException {
        DefaultRouteRecord rec = new DefaultRouteRecord();
        rec.id = marked;
        rec.previousDescribed = marked;
        rec.chosen = marked;
        rec.revertPhp = DefaultGatewayPhp.revert(marked, marked, marked);
        Journal<DefaultRouteRecord> journal = Journal.fresh(new StateDir(Files.createTempDirectory("ops-state")), "x.json", rec);
        Network net = network(marked);
        Gateway via = new Gateway(marked, "opt1", "ovpnc1", IpAddress.Family.INET, Optional.of(IpAddress.parse("10.8.3.1")), "config",
                false, false, Optional.empty());
        String setPhp = DefaultGatewayPhp.set(marked, marked, marked);
        return List.of(DefaultRoutePlans.set(net, journal, marked, setPhp, via, Optional.of(new RevertWindow(60))),
                DefaultRoutePlans.set(net, journal, marked, setPhp, via, Optional.empty()),
                DefaultRoutePlans.confirm(net, journal), DefaultRoutePlans.rollback(net, journal));
    }

    /** A plan's steps and the steps that undo them. */
    static List<Step> steps(Plan plan) {
        List<Step> all = new ArrayList<>();
        for (Step s : plan.steps()) {
            all.add(s);
            all.addAll(s.undo());
        }
        return all;
    }

    /** What a step runs: its command, its guard's and its verification's reads. */
    static List<Command> commands(Step s) {
        List<Command> out = new ArrayList<>(List.of(s.command()));
        s.guard().ifPresent(c -> out.add(c.read()));
        s.verify().ifPresent(c -> out.add(c.read()));
        return out;
    }

    /** A network whose hosts carry the name; planning never runs anything on them. */
    static Network network(String name) {
        Remote host = new Remote() {
            public String name() { return name; }

            public Result run(String command, String stdin, Duration timeout) { throw new AssertionError("planning ran " + command); }
        };
        return new Network() {
            public String firewallName() { return name; }

            public Snapshot read() { throw new AssertionError("planning read the network"); }

            public Remote firewall() { return host; }

            public Remote newFirewallConnection() { return host; }

            public Remote edge(String gateway) { return host; }
        };
    }
}
