import static org.junit.jupiter.api.Assertions.*;

import java.util.Locale;
import java.util.Map;
import ops.cli.Cli;
import ops.nat.NatToggle;
import ops.nat.NatToggle.Action;
import ops.support.Run;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** nat-toggle's command line without any network: its actions, their help, and what each shape of it asks for. */
class NatToggleCliTest {
    private static Run toggle(String... args) {
        return Run.of(new NatToggleCommand(), args);
    }

    /** What a command line asks nat-toggle for: the firewall and edges it reaches, the request, --yes and --show-commands. */
    record Asked(String firewall, Map<String, String> edges, NatToggle.Request request, boolean yes, boolean showCommands) {}

    /** Parses only (picocli, no network): what the run would be given. */
    private static Asked parse(String commandLine) {
        NatToggleCommand command = new NatToggleCommand();
        ParseResult parsed = Cli.commandLine(command).parseArgs(commandLine.split(" "));
        Action action = Action.valueOf(parsed.subcommand().commandSpec().name().toUpperCase(Locale.ROOT));
        return new Asked(command.target.name(), command.target.edges(), command.request(action), command.change.yes, command.change.showCommands);
    }

    @Test
    void theReadmeAndHelpShapesAskForTheSameWhereverTheOptionsStand() {
        // README: nat-toggle FIREWALL GATEWAY off|on|status|undo [--edge GATEWAY=HOST] [--firewall-nat] [--dry-run] [--show-commands] [--yes] [--force]
        Asked everything = new Asked("fw1", Map.of("EDGE2_VPNV4", "edge2"),
                new NatToggle.Request("EDGE2_VPNV4", Action.OFF, true, true, true), true, true);
        for (String line : new String[] {
                "fw1 EDGE2_VPNV4 off --edge EDGE2_VPNV4=edge2 --firewall-nat --dry-run --show-commands --yes --force",
                "fw1 EDGE2_VPNV4 --edge EDGE2_VPNV4=edge2 --firewall-nat --show-commands off --dry-run --yes --force",
                "--dry-run --show-commands -y fw1 --force EDGE2_VPNV4 --firewall-nat --edge EDGE2_VPNV4=edge2 off",
                "fw1 EDGE2_VPNV4 off -n -y --force --firewall-nat --edge EDGE2_VPNV4=edge2 --show-commands"}) {
            assertEquals(everything, parse(line), line);
        }
        for (Action a : Action.values()) {
            String name = a.name().toLowerCase(Locale.ROOT);
            assertEquals(new Asked("fw1", Map.of(), new NatToggle.Request("EDGE2_VPNV4", a, false, false, false), false, false),
                    parse("fw1 EDGE2_VPNV4 " + name), name);
        }
        assertEquals(parse("fw1 EDGE2_VPNV4 off"), parse("fw1 EDGE2_VPNV4 OFF"), "actions ignore case, as they always did");
        // the help's examples
        assertEquals(new Asked("fw1", Map.of(), new NatToggle.Request("EDGE2_VPNV4", Action.OFF, false, true, false), false, false),
                parse("fw1 EDGE2_VPNV4 off --dry-run"));
        assertEquals(new Asked("fw1", Map.of(), new NatToggle.Request("EDGE2_VPNV4", Action.OFF, false, true, false), false, true),
                parse("fw1 EDGE2_VPNV4 off --dry-run --show-commands"));
        assertEquals(new Asked("fw1", Map.of("EDGE2_VPNV4", "edge2"), new NatToggle.Request("EDGE2_VPNV4", Action.OFF, false, false, false), true, false),
                parse("fw1 EDGE2_VPNV4 off --yes --edge EDGE2_VPNV4=edge2"));
    }

    @Test
    void edgesGivenBeforeAndAfterTheActionAllCount() {
        assertEquals(Map.of("EDGE1_VPNV4", "edge1", "EDGE2_VPNV4", "edge2", "EDGE3_VPNV4", "ops@edge3"),
                parse("fw1 --edge EDGE1_VPNV4=edge1 EDGE2_VPNV4 status --edge EDGE2_VPNV4=edge2 --edge EDGE3_VPNV4=ops@edge3").edges());
    }

    @Test
    void eachActionHasItsOwnHelpWithItsExamples() {
        for (Action a : Action.values()) {
            String name = a.name().toLowerCase(Locale.ROOT);
            Run r = toggle("fw1", "EDGE2_VPNV4", name, "--help");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("Usage: nat-toggle FIREWALL GATEWAY " + name + " "), r.out());
            String examples = r.out().substring(r.out().indexOf("\nExamples:\n"));
            assertTrue(examples.contains("\n  nat-toggle fw1 EDGE2_VPNV4 " + name), examples);
            assertFalse(examples.lines().skip(2).anyMatch(l -> !l.startsWith("  nat-toggle fw1 EDGE2_VPNV4 " + name)),
                    "only this action's examples:\n" + examples);
            for (String s : new String[] {"--dry-run", "--show-commands", "--edge", "--firewall-nat", "--inventory", "Exit codes:"}) {
                assertTrue(r.out().contains(s), s + " in:\n" + r.out());
            }
        }
        Run script = toggle("--help");
        assertEquals(0, script.code());
        assertTrue(script.out().contains("FIREWALL GATEWAY ACTION") && script.out().contains("\nActions:\n  off "), script.out());
    }

    @Test
    void aMisspeltActionIsOneLineWithTheSuggestionAndUnknown() {
        Run r = toggle("fw1", "G", "of");
        assertEquals(3, r.code());
        assertEquals("nat-toggle: unknown action 'of' (did you mean off?); use off, on, status or undo (try --help)\n", r.err());
        Run none = toggle("fw1", "G", "xyz");
        assertEquals(3, none.code());
        assertEquals("nat-toggle: unknown action 'xyz'; use off, on, status or undo (try --help)\n", none.err());
    }

    @Test
    void otherBadUsageIsOneLineAndUnknownNamingTheScript() {
        String[][] cases = {
                {"missing action; use off, on, status or undo", "fw1", "EDGE2_VPNV4"},
                {"Missing required parameter: 'GATEWAY'", "fw1"},
                {"Unknown option: '--frobnicate'", "fw1", "EDGE2_VPNV4", "off", "--frobnicate"},
                {"Unmatched argument at index 3: 'extra'", "fw1", "EDGE2_VPNV4", "status", "extra"}};
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            Run r = toggle(args);
            assertEquals(3, r.code(), String.join(" ", args));
            assertTrue(r.oneLineError(), r.err());
            assertTrue(r.err().startsWith("nat-toggle: " + c[0]), r.err());
        }
    }
}
