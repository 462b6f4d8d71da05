package ops.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Debian's promtool (package prometheus; tests/run installs it), run as a process. */
public final class Promtool {
    private Promtool() {}

    public static boolean present() {
        return Files.isExecutable(Path.of("/usr/bin/promtool"));
    }

    /** Runs promtool ARGS (stdin from a file, or none); returns "exit\noutput". */
    public static String run(Path stdin, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(java.util.stream.Stream.concat(java.util.stream.Stream.of("promtool"), List.of(args).stream()).toList())
                .redirectErrorStream(true)
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() + "\n" + out;
    }

    /** `promtool check metrics` on a textfile: null when it passes, else what promtool said. */
    public static String checkMetrics(Path textfile) throws IOException, InterruptedException {
        String r = run(textfile, "check", "metrics");
        return r.startsWith("0\n") ? null : r;
    }
}
