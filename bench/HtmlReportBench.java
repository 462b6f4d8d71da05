///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES ../lib/OpsLibDep.java
//SOURCES Timing.java
//DESCRIPTION What --format html adds to an offline audit: route-audit --snapshot examples/double-nat as a user runs it, text and html alternately (medians of whole runs and of the report step, from OPS_TRACE), then in one JVM the first and the warm rendering of each format.

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.model.TopologyBuilder;
import ops.report.AuditReport;
import ops.report.Format;
import ops.report.Reports;
import ops.snapshot.SnapshotDir;

class HtmlReportBench {
    public static void main(String... args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<Long> wallText = new ArrayList<>(), wallHtml = new ArrayList<>(), stepText = new ArrayList<>(), stepHtml = new ArrayList<>();
        Path out = Files.createTempFile("bench-report", ".out"), trace = Files.createTempFile("bench-trace", ".txt");
        for (int i = 0; i < runs; i++) {
            for (Format f : List.of(Format.text, Format.html)) {
                ProcessBuilder pb = new ProcessBuilder("./jbang", "scripts/route-audit.java", "--snapshot", "examples/double-nat", "--format", f.name(),
                        "-o", out.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(trace.toFile());
                pb.environment().put("OPS_TRACE", "1");
                long t0 = System.nanoTime();
                pb.start().waitFor();
                long wall = (System.nanoTime() - t0) / 1_000_000;
                long step = at(trace, "done") - at(trace, "analyzed");
                (f == Format.text ? wallText : wallHtml).add(wall);
                (f == Format.text ? stepText : stepHtml).add(step);
            }
        }
        System.out.printf("whole run (new JVM, %d runs each): text %d ms, html %d ms (%.2fx)%n", runs, Timing.median(wallText),
                Timing.median(wallHtml), (double) Timing.median(wallHtml) / Timing.median(wallText));
        System.out.printf("report step (analyzed -> done): text %d ms, html %d ms%n", Timing.median(stepText), Timing.median(stepHtml));

        AuditResult r = Analyzer.analyze(TopologyBuilder.build(SnapshotDir.read(Path.of("examples/double-nat"))));
        long t = System.nanoTime();
        Reports.render(new AuditReport(r), Format.text, 0);
        long firstText = System.nanoTime() - t;
        t = System.nanoTime();
        Reports.render(new AuditReport(r), Format.html, 0);
        long firstHtml = System.nanoTime() - t;
        System.out.printf("one JVM, first rendering: text %.1f ms, html %.1f ms (%.1fx)%n", firstText / 1e6, firstHtml / 1e6, (double) firstHtml / firstText);
        for (int i = 0; i < 200; i++) {
            Reports.render(new AuditReport(r), Format.text, 0);
            Reports.render(new AuditReport(r), Format.html, 0);
        }
        t = System.nanoTime();
        for (int i = 0; i < 200; i++) Reports.render(new AuditReport(r), Format.text, 0);
        long warmText = (System.nanoTime() - t) / 200;
        t = System.nanoTime();
        for (int i = 0; i < 200; i++) Reports.render(new AuditReport(r), Format.html, 0);
        long warmHtml = (System.nanoTime() - t) / 200;
        System.out.printf("one JVM, warm: text %.3f ms, html %.3f ms (%.1fx)%n", warmText / 1e6, warmHtml / 1e6, (double) warmHtml / warmText);
    }

    private static long at(Path trace, String mark) throws Exception {
        for (String l : Files.readAllLines(trace)) {
            if (l.endsWith("main: " + mark)) return Long.parseLong(l.replaceAll("^\\[trace (\\d+) ms\\].*", "$1"));
        }
        throw new IllegalStateException("no '" + mark + "' in " + Files.readString(trace));
    }
}
