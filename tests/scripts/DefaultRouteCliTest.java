import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import ops.cli.Cli;
import ops.defaultgw.DefaultRoute;
import ops.support.Run;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** default-route's command line without any network: its actions, their help, and what each shape of it asks for. */
class DefaultRouteCliTest {
    private static Run route(String... args) {
        return Run.of(new DefaultRouteCommand(), args);
    }

    /** What a command line asks default-route for: the action, the firewall and edges it reaches, set's request, --yes and --show-commands. */
    record Asked(String action, String firewall, Map<String, String> edges, DefaultRoute.SetRequest request, boolean yes, boolean showCommands) {}

    /** Parses only (picocli, no network): what the run would be given. */
    private static Asked parse(String commandLine) {
        DefaultRouteCommand command = new DefaultRouteCommand();
        ParseResult parsed = Cli.commandLine(command).parseArgs(commandLine.split(" "));
        ParseResult action = parsed.subcommand();
        String gateway = action.matchedPositionalValue(0, null);
        return new Asked(action.commandSpec().name(), command.target.name(), command.target.edges(), command.request(gateway), command.change.yes,
                command.change.showCommands);
    }

    private static DefaultRoute.SetRequest set(String gateway, boolean dryRun, boolean force, boolean noConfirm, int within) {
        return new DefaultRoute.SetRequest(gateway, dryRun, force, noConfirm, within);
    }

    @Test
    void theReadmeAndHelpShapesAskForTheSameWhereverTheOptionsStand() {
        // README: default-route FIREWALL show | set GATEWAY | confirm | rollback [--confirm-within 120] [--no-confirm] [--dry-run] [--show-commands] [--yes] [--force]
        Asked everything = new Asked("set", "fw1", Map.of("EDGE1_VPNV4", "edge1"), set("EDGE2_VPNV4", true, true, true, 60), true, true);
        for (String line : new String[] {
                "fw1 set EDGE2_VPNV4 --confirm-within 60 --no-confirm --dry-run --show-commands --yes --force --edge EDGE1_VPNV4=edge1",
                "fw1 --confirm-within 60 --no-confirm --show-commands set EDGE2_VPNV4 --dry-run --yes --force --edge EDGE1_VPNV4=edge1",
                "--edge EDGE1_VPNV4=edge1 -n -y --show-commands --force fw1 --confirm-within 60 --no-confirm set EDGE2_VPNV4",
                "fw1 set --confirm-within 60 EDGE2_VPNV4 --no-confirm -n -y --force --edge EDGE1_VPNV4=edge1 --show-commands"}) {
            assertEquals(everything, parse(line), line);
        }
        for (String action : new String[] {"show", "confirm", "rollback"}) {
            assertEquals(new Asked(action, "fw1", Map.of(), set(null, false, false, false, 120), false, false), parse("fw1 " + action), action);
            assertEquals(new Asked(action, "fw1", Map.of(), set(null, true, true, false, 120), true, true),
                    parse("fw1 " + action + " --dry-run --show-commands --yes --force"), action);
        }
        // the help's examples
        assertEquals(new Asked("set", "fw1", Map.of(), set("EDGE2_VPNV4", true, false, false, 120), false, false), parse("fw1 set EDGE2_VPNV4 --dry-run"));
        assertEquals(new Asked("set", "fw1", Map.of(), set("EDGE2_VPNV4", true, false, false, 120), false, true),
                parse("fw1 set EDGE2_VPNV4 --dry-run --show-commands"));
        assertEquals(new Asked("set", "fw1", Map.of(), set("EDGE2_VPNV4", false, false, false, 60), true, false),
                parse("fw1 set EDGE2_VPNV4 --yes --confirm-within 60"));
    }

    @Test
    void eachActionHasItsOwnHelpWithItsExamples() {
        for (String action : new String[] {"show", "set", "confirm", "rollback"}) {
            Run r = route("fw1", action, "--help");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("Usage: default-route FIREWALL " + action + " "), r.out());
            String examples = r.out().substring(r.out().indexOf("\nExamples:\n"));
            assertTrue(examples.contains("\n  default-route fw1 " + action), examples);
            assertFalse(examples.lines().skip(2).anyMatch(l -> !l.startsWith("  default-route fw1 " + action + " ")
                            && !l.equals("  default-route fw1 " + action)), "only this action's examples:\n" + examples);
            assertTrue(r.out().contains("--confirm-within") && r.out().contains("--show-commands") && r.out().contains("Exit codes:"), r.out());
        }
        assertTrue(route("fw1", "set", "--help").out().contains("GATEWAY               A gateway or gateway-group name."));
    }

    @Test
    void aMisspeltOrIncompleteActionIsOneLineAndUnknown() {
        String[][] cases = {
                {"default-route: unknown action 'sho' (did you mean show?); use confirm, rollback, set GATEWAY or show (try --help)", "fw1", "sho"},
                {"default-route: missing action; use confirm, rollback, set GATEWAY or show (try --help)", "fw1"},
                {"default-route: Missing required parameter: 'GATEWAY' (try --help)", "fw1", "set"},
                {"default-route: Unmatched argument at index 2: 'EDGE2_VPNV4' (try --help)", "fw1", "show", "EDGE2_VPNV4"},
                {"default-route: --confirm-within 5: give 20 to 3600 seconds", "fw1", "set", "EDGE2_VPNV4", "--confirm-within", "5"}};
        for (String[] c : cases) {
            Run r = route(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(3, r.code(), c[0]);
            assertEquals(c[0] + "\n", r.err());
        }
    }
}
