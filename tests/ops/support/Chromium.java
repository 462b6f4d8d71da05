package ops.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, for the tests that open a report as a person would: the page's DOM
 * after the browser parsed it, everything the page logged to its console (errors, blocked
 * fetches, refused scripts), and screenshots. Each run has a profile of its own, so runs in
 * parallel do not share one.
 */
public final class Chromium {
    private Chromium() {}

    /** What the browser made of a page: its DOM as serialized after loading, and its console lines. */
    public record Page(String dom, List<String> console) {}

    /** Skips the calling test with the reason when no chromium is installed (tests/run installs Debian's package as root). */
    public static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) return p.toString();
        }
        assumeTrue(false, "chromium is not installed (Debian's package chromium; tests/run installs it when run as root)");
        return null;
    }

    public static Page load(Path html) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("ops-chromium");
        Path out = profile.resolve("dom.html"), err = profile.resolve("stderr.txt");
        try {
            run(List.of(binary(), "--headless=new", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
                    "--enable-logging=stderr", "--v=0", "--dump-dom", html.toUri().toString()), out, err);
            List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> l.matches(".*:CONSOLE:\\d+\\] .*")).toList();
            return new Page(Files.readString(out, StandardCharsets.UTF_8), console);
        } finally {
            delete(profile);
        }
    }

    /** A PNG of the page at this window width, as tall as {@code height}. */
    public static void screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("ops-chromium");
        try {
            run(List.of(binary(), "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), html.toUri().toString()),
                    profile.resolve("out.txt"), profile.resolve("err.txt"));
        } finally {
            delete(profile);
        }
    }

    private static void run(List<String> cmd, Path out, Path err) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // generous: a loaded 2-core machine starts a browser slowly; this only bounds a hung one
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException("chromium did not finish within 180 s: " + cmd);
        }
        if (p.exitValue() != 0) throw new IOException("chromium exited " + p.exitValue() + ": " + Files.readString(err));
    }

    /** Best effort: a browser helper may still be writing its profile as it exits; /tmp is cleaned anyway. */
    private static void delete(Path dir) {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | java.io.UncheckedIOException e) {
            // left for the system's tmp cleaning
        }
    }
}
