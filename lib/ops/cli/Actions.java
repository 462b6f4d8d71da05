package ops.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A script's actions (nat-toggle's off|on|status|undo, default-route's show|set|confirm|rollback)
 * are picocli subcommands typed after the script's own positionals: `nat-toggle fw1 EDGE2_VPNV4 off`.
 * Here they get the script's help conventions, a usage line as it is typed, and one clear line
 * when the action is missing or misspelt.
 */
final class Actions {
    private Actions() {}

    /** Each action's help looks like its script's (version, option order, width, exit codes), its usage line as typed; names ignore case. */
    static void setUp(CommandLine script) {
        CommandSpec parent = script.getCommandSpec();
        script.setSubcommandsCaseInsensitive(true); // OFF is off, as nat-toggle's hand-made parser had it
        for (CommandLine action : script.getSubcommands().values()) {
            CommandSpec spec = action.getCommandSpec();
            spec.versionProvider(parent.versionProvider());
            spec.exitCodeOnInvalidInput(parent.exitCodeOnInvalidInput());
            spec.exitCodeOnExecutionException(parent.exitCodeOnExecutionException());
            spec.usageMessage().sortOptions(parent.usageMessage().sortOptions()).autoWidth(parent.usageMessage().autoWidth());
            if (spec.usageMessage().exitCodeList().isEmpty()) {
                spec.usageMessage().exitCodeListHeading(parent.usageMessage().exitCodeListHeading())
                        .exitCodeList(parent.usageMessage().exitCodeList());
            }
            action.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, Actions::synopsisAsTyped);
        }
    }

    /**
     * "nat-toggle FIREWALL GATEWAY off [-hnVy] ...": picocli would say "nat-toggle off ...", which
     * is not what to type. Rendered from a stand-alone copy named as typed, so that it wraps as usual.
     */
    private static String synopsisAsTyped(Help help) {
        CommandSpec action = help.commandSpec();
        CommandSpec parent = action.parent();
        String typed = parent.name() + parent.positionalParameters().stream().sorted(Comparator.comparingInt(p -> p.index().min()))
                .map(p -> " " + p.paramLabel()).collect(Collectors.joining()) + " " + action.name();
        CommandSpec shown = CommandSpec.create().name(typed);
        shown.usageMessage().width(action.usageMessage().width());
        for (OptionSpec o : action.options()) shown.addOption(o.toBuilder().build());
        for (PositionalParamSpec p : action.positionalParameters()) shown.addPositional(p.toBuilder().build());
        return new Help(shown, help.colorScheme()).synopsis(help.synopsisHeadingLength());
    }

    /** A command line that stops before the action is bad usage (picocli would only say "Missing required subcommand"). */
    static void requireOne(ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        CommandLine last = chain.get(chain.size() - 1);
        if (!last.getSubcommands().isEmpty()) {
            throw new ParameterException(last, "missing action; use " + list(last.getCommandSpec()));
        }
    }

    /** An argument where the action goes that is none: its own message, with picocli's nearest actions. */
    static Optional<String> unknown(UnmatchedArgumentException u) {
        CommandSpec spec = u.getCommandLine().getCommandSpec();
        if (u.isUnknownOption() || spec.subcommands().isEmpty() || u.getUnmatched().isEmpty()) return Optional.empty();
        List<String> near = u.getSuggestions();
        return Optional.of("unknown action '" + u.getUnmatched().get(0) + "'"
                + (near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)") + "; use " + list(spec));
    }

    /** "off, on, status or undo"; "show, set GATEWAY, confirm or rollback". */
    static String list(CommandSpec script) {
        List<String> actions = new ArrayList<>();
        for (CommandLine a : script.subcommands().values()) {
            actions.add(a.getCommandName() + a.getCommandSpec().positionalParameters().stream()
                    .map(p -> " " + p.paramLabel()).collect(Collectors.joining()));
        }
        int last = actions.size() - 1;
        return last == 0 ? actions.get(0) : String.join(", ", actions.subList(0, last)) + " or " + actions.get(last);
    }
}
