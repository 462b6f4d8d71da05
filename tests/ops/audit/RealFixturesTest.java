package ops.audit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ops.model.TopologyBuilder;
import ops.snapshot.SnapshotDir;
import ops.support.Repo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Snapshots in the shapes of real, public outputs (tests/fixtures/real, see its README.md), each
 * with what reality implies in its expect.properties. They are targets: a fixture whose shape the
 * toolkit does not read yet fails, and its message shows what the code predicted.
 *
 * <p>expect.properties keys (a value ends at the first " #"):
 * <ul>
 *   <li>{@code path.GATEWAY.SERVICE = VERDICT} one published path; SERVICE as the matrix names it ("tcp/443")</li>
 *   <li>{@code findings = RA1xx RA1yy} the exact set of finding codes (empty for none)</li>
 *   <li>{@code severity.RA1xx = INFO|WARNING|CRITICAL} every finding of that code has this severity</li>
 *   <li>{@code note.GATEWAY.SERVICE = text} a substring one of that path's notes must contain</li>
 *   <li>{@code message.RA1xx = text} a substring the message (or fix) of a finding of that code must contain</li>
 *   <li>{@code message.RA1xx.absent = text} a substring no finding of that code may contain in its message</li>
 * </ul>
 */
class RealFixturesTest {
    private static final Path ROOT = Repo.path("tests/fixtures/real");

    @TestFactory
    Stream<DynamicTest> eachRealFixtureAuditsAsRealityImplies() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(ROOT)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("expect.properties"))).sorted().toList();
        }
        if (dirs.isEmpty()) throw new IllegalStateException("no fixtures under " + ROOT);
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
    }

    private static void check(Path dir) throws IOException {
        Map<String, String> expect = read(dir.resolve("expect.properties"));
        AuditResult r = Analyzer.analyze(TopologyBuilder.build(SnapshotDir.read(dir)));
        List<String> problems = new ArrayList<>();

        for (Map.Entry<String, String> e : expect.entrySet()) {
            String key = e.getKey(), want = e.getValue();
            if (key.startsWith("path.")) {
                String[] gs = gatewayAndService(key.substring("path.".length()));
                List<PathRow> rows = rows(r, gs[0], gs[1]);
                if (rows.isEmpty()) problems.add(key + ": no such path (expected " + want + ")");
                for (PathRow p : rows) {
                    if (!p.verdict().name().equals(want)) problems.add(key + ": expected " + want + ", predicted " + p.verdict());
                }
            } else if (key.startsWith("note.")) {
                String[] gs = gatewayAndService(key.substring("note.".length()));
                List<PathRow> rows = rows(r, gs[0], gs[1]);
                if (rows.isEmpty()) problems.add(key + ": no such path (expected a note containing '" + want + "')");
                for (PathRow p : rows) {
                    if (p.notes().stream().noneMatch(n -> n.contains(want))) {
                        problems.add(key + ": no note contains '" + want + "' (notes: " + p.notes() + ")");
                    }
                }
            } else if (key.startsWith("severity.")) {
                String code = key.substring("severity.".length());
                List<Finding> fs = byCode(r, code);
                if (fs.isEmpty()) problems.add(key + ": no " + code + " finding (expected one of severity " + want + ")");
                for (Finding f : fs) {
                    if (!f.severity().name().equals(want)) {
                        problems.add(key + ": expected " + want + ", got " + f.severity() + " for '" + f.message() + "'");
                    }
                }
            } else if (key.startsWith("message.") && key.endsWith(".absent")) {
                String code = key.substring("message.".length(), key.length() - ".absent".length());
                for (Finding f : byCode(r, code)) {
                    if (f.message().contains(want)) problems.add(key + ": the message must not contain '" + want + "': '" + f.message() + "'");
                }
            } else if (key.startsWith("message.")) {
                String code = key.substring("message.".length());
                List<Finding> fs = byCode(r, code);
                if (fs.stream().noneMatch(f -> f.message().contains(want) || f.fix().contains(want))) {
                    problems.add(key + ": no " + code + " finding mentions '" + want + "'"
                            + (fs.isEmpty() ? " (there is none)" : " (" + fs.stream().map(Finding::message).toList() + ")"));
                }
            } else if (!key.equals("findings")) {
                problems.add(key + ": unknown key in expect.properties");
            }
        }
        if (!expect.containsKey("findings")) {
            problems.add("expect.properties has no 'findings =' line");
        } else {
            Set<String> want = new TreeSet<>(List.of(expect.get("findings").split("\\s+")));
            want.remove("");
            Set<String> got = r.findings().stream().map(f -> f.code().id).collect(Collectors.toCollection(TreeSet::new));
            if (!want.equals(got)) problems.add("findings: expected " + want + ", got " + got);
        }
        if (!problems.isEmpty()) {
            fail(dir.getFileName() + ": " + problems.size() + " difference(s) from what reality implies:\n  - "
                    + String.join("\n  - ", problems) + "\n" + describe(r));
        }
    }

    /** "EDGE1_VPNV4.tcp/443" → gateway, service (gateway names hold no dots; services hold no dots). */
    private static String[] gatewayAndService(String s) {
        int dot = s.indexOf('.');
        if (dot < 0) throw new IllegalArgumentException("expected GATEWAY.SERVICE, found '" + s + "'");
        return new String[] {s.substring(0, dot), s.substring(dot + 1)};
    }

    private static List<PathRow> rows(AuditResult r, String gateway, String service) {
        return r.paths().stream().filter(p -> p.gateway().equals(gateway) && p.service().equals(service)).toList();
    }

    private static List<Finding> byCode(AuditResult r, String code) {
        return r.findings().stream().filter(f -> f.code().id.equals(code)).toList();
    }

    /** The whole prediction, so that a failure shows what the code made of the fixture. */
    private static String describe(AuditResult r) {
        StringBuilder sb = new StringBuilder("predicted paths:\n");
        if (r.paths().isEmpty()) sb.append("  (none)\n");
        for (PathRow p : r.paths()) {
            sb.append("  ").append(p.gateway()).append(' ').append(p.service()).append(" -> ").append(p.verdict())
                    .append(" | edge sends to ").append(p.edgeSendsTo()).append(", server ").append(p.server().isEmpty() ? "-" : p.server())
                    .append(", sees ").append(p.serverSees()).append(", reply via ").append(p.replyLeavesBy())
                    .append(p.passRule().isEmpty() ? "" : ", rule " + p.passRule()).append('\n');
            for (String n : p.notes()) sb.append("      note: ").append(n).append('\n');
        }
        sb.append("predicted findings:\n");
        if (r.findings().isEmpty()) sb.append("  (none)\n");
        for (Finding f : r.findings()) {
            sb.append("  ").append(f.severity()).append(' ').append(f.code().id).append(' ').append(f.message()).append('\n');
        }
        return sb.toString();
    }

    /** key = value lines; '#' starts a comment at the start of a line or after whitespace. */
    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        int n = 0;
        for (String raw : Files.readAllLines(file)) {
            n++;
            String line = raw.replaceFirst("(^|\\s)#.*$", "").strip();
            if (line.isEmpty()) continue;
            int eq = line.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException(file + " line " + n + ": expected 'key = value', found '" + raw + "'");
            String key = line.substring(0, eq).strip();
            if (out.containsKey(key)) throw new IllegalArgumentException(file + " line " + n + ": '" + key + "' given twice");
            out.put(key, line.substring(eq + 1).strip());
        }
        return out;
    }
}
