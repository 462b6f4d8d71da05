package ops.change;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import ops.remote.Remote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan a person reads: every step in words, and with --show-commands each command once, as root runs it. */
class PlanTest {
    static final class TestRecord extends ChangeRecord {}

    /** A host that is never reached: rendering a plan runs nothing. */
    static Host host(String name) {
        return Host.of(new Remote() {
            public String name() { return name; }

            public Result run(String command, String stdin, Duration timeout) {
                throw new AssertionError("rendering ran " + command);
            }
        });
    }

    static Step step(Host host, String why, Command command, Optional<Check> guard, Optional<Check> verify, List<Step> undo) {
        return new Step() {
            public Host host() { return host; }

            public String why() { return why; }

            public Command command() { return command; }

            public Optional<Check> guard() { return guard; }

            public Optional<Check> verify() { return verify; }

            public List<Step> undo() { return undo; }
        };
    }

    static final String PHP = "<?php\nconfig_set_path('gateways/defaultgw4', 'EDGE2_VPNV4');\n$ops_rev = 1;\n";

    @TempDir Path dir;
    private final Host fw = host("fw"), edge = host("edge1"), again = host("fw (new connection)");

    private Plan plan(List<Step> steps) {
        TestRecord rec = new TestRecord();
        rec.id = "1";
        return new Plan("test change", steps, Optional.of("Go?"), Journal.fresh(new StateDir(dir), "test-1.json", rec),
                Locking.take("plan-test", "test 1"), Status.APPLIED);
    }

    /** Two hosts, root and login commands, PHP on stdin, a guard, verifications on the same host and on a new connection, undo. */
    private Plan threeSteps() {
        Step disarm = step(fw, "disarm the revert", Command.asRoot("rm -f /tmp/ops/1.pending"), Optional.empty(), Optional.empty(), List.of());
        Step restore = step(edge, "put the rule back", Command.asRoot("iptables-restore --noflush").input("*nat\n-D POSTROUTING 1\nCOMMIT\n"),
                Optional.empty(), Optional.empty(), List.of());
        return plan(List.of(
                step(fw, "arm the revert", Command.rootScript("sleep 120; php -q < /tmp/ops/1.php"), Optional.empty(), Optional.empty(), List.of(disarm)),
                step(edge, "insert -o tun0 -j MASQUERADE", Command.asRoot("iptables-restore --noflush").input("*nat\n-I POSTROUTING 1 -o tun0 -j MASQUERADE\nCOMMIT\n"),
                        Optional.of(Check.once(edge, "the NAT rules are as the plan read them", Command.asRoot("iptables-save -t nat"), (r, res) -> true)),
                        Optional.of(Check.once(edge, "traffic into tun0 is masqueraded", Command.asRoot("iptables-save -t nat"), (r, res) -> true)),
                        List.of(restore)),
                step(fw, "set defaultgw4 = EDGE2_VPNV4", Command.asRoot("php -q").input(PHP), Optional.empty(),
                        Optional.of(new Check(again, "the live default route is via EDGE2_VPNV4", Command.asLogin("netstat -rn"),
                                Duration.ofSeconds(15), (r, res) -> true)),
                        List.of())));
    }

    private static long count(String text, String part) {
        return (text.length() - text.replace(part, "").length()) / part.length();
    }

    @Test
    void byDefaultEveryStepIsInWordsWithoutCommandsOrInput() {
        String shown = threeSteps().render(false);
        assertEquals("""
                Plan: test change
                1. on fw, as root: arm the revert
                    undo: disarm the revert
                2. on edge1, as root: insert -o tun0 -j MASQUERADE
                    only if: the NAT rules are as the plan read them
                    verify: traffic into tun0 is masqueraded
                    undo: put the rule back
                3. on fw, as root: set defaultgw4 = EDGE2_VPNV4
                    verify on fw (new connection): the live default route is via EDGE2_VPNV4, within 15 s
                """, shown);
        assertFalse(shown.lines().map(String::strip).anyMatch(l -> l.startsWith("$ ") || l.startsWith("# ") || l.startsWith("| ")), shown);
        for (String command : new String[] {"iptables", "php", "<?php", "sudo", "netstat", "rm -f", "sh -c"}) {
            assertFalse(shown.contains(command), command + " in:\n" + shown);
        }
    }

    @Test
    void withCommandsEachRootCommandIsShownOnceAsRootRunsItUnderOneSudoNote() {
        Plan p = threeSteps();
        String shown = p.render(true);
        assertEquals(1, count(shown, Plan.SUDO_NOTE), shown);
        assertEquals(Plan.SUDO_NOTE, shown.lines().skip(1).findFirst().orElseThrow(), "the note heads the steps");
        assertFalse(shown.contains("id -u") || shown.contains("else sudo") || shown.contains("sudo -n sh") || shown.contains("sudo -n php"),
                "no sudo branch is shown:\n" + shown);
        assertTrue(shown.contains("1. on fw, as root: arm the revert\n    # sh -c 'sleep 120; php -q < /tmp/ops/1.php'\n"
                + "    undo: disarm the revert\n      # rm -f /tmp/ops/1.pending\n"), shown);
        assertTrue(shown.contains("2. on edge1, as root: insert -o tun0 -j MASQUERADE\n    # iptables-restore --noflush\n"
                + "    | *nat\n    | -I POSTROUTING 1 -o tun0 -j MASQUERADE\n    | COMMIT\n"
                + "    only if: the NAT rules are as the plan read them\n      # iptables-save -t nat\n"
                + "    verify: traffic into tun0 is masqueraded\n      # iptables-save -t nat\n"
                + "    undo: put the rule back\n      # iptables-restore --noflush\n      | *nat\n      | -D POSTROUTING 1\n      | COMMIT\n"), shown);
        assertTrue(shown.contains("3. on fw, as root: set defaultgw4 = EDGE2_VPNV4\n    # php -q\n    | <?php\n"
                + "    | config_set_path('gateways/defaultgw4', 'EDGE2_VPNV4');\n    | $ops_rev = 1;\n"
                + "    verify on fw (new connection): the live default route is via EDGE2_VPNV4, within 15 s\n      $ netstat -rn\n"), shown);
        assertEquals(1, count(shown, "<?php"), "the PHP once:\n" + shown);
        assertEquals(1, count(shown, "sleep 120"), shown);
        for (Step s : p.steps()) assertTrue(shown.contains(". on " + s.host().name() + ", as root: " + s.why() + "\n"), s.why());
    }

    @Test
    void theSudoNoteIsThereOnlyWhenARootCommandIsShown() {
        String shown = plan(List.of(step(fw, "read the routes", Command.asLogin("netstat -rn"), Optional.empty(), Optional.empty(), List.of())))
                .render(true);
        assertEquals("Plan: test change\n1. on fw, as the login: read the routes\n    $ netstat -rn\n", shown);
        Check rootRead = Check.once(fw, "pf has the rule", Command.asRoot("pfctl -sr"), (r, res) -> true);
        String read = plan(List.of(step(fw, "touch a file", Command.asLogin("touch f"), Optional.empty(), Optional.of(rootRead), List.of())))
                .render(true);
        assertEquals("Plan: test change\n" + Plan.SUDO_NOTE + "\n1. on fw, as the login: touch a file\n    $ touch f\n"
                + "    verify: pf has the rule\n      # pfctl -sr\n", read);
    }

    @Test
    void anEmptyPlanSaysSo() {
        assertEquals("Plan: test change\n  (nothing to do)\n", plan(List.of()).render(false));
        assertEquals("Plan: test change\n  (nothing to do)\n", plan(List.of()).render(true));
    }
}
