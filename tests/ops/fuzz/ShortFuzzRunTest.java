package ops.fuzz;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ops.support.Repo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * A short real fuzzing run (Jazzer, coverage-guided) of every parser, each in its own JVM
 * (libFuzzer runs one target per process), seeded with tests/fuzz/corpus/PARSER/ and a fixed
 * seed. Each run executes a fixed number of inputs (libFuzzer's -runs; OPS_FUZZ_RUNS, default
 * 5000), however long a busy machine takes; -max_total_time is only a safety stop against a hang.
 * Jazzer's regex roadblock hook is off here (it is on in the long run): with it, 5000 pfctl
 * inputs took 32 s instead of 4. The JVMs stop at the C1 compiler: for 5000 inputs C2's compiling
 * cost more than it saved (config-xml 23 CPU-s with it, 11 without; netstat 11 and 5.5).
 * `tests/fuzz/run` is the long run (C2 on).
 */
@Tag("slow") // a JVM of its own in tests/run (runner.Job): it runs alongside the lab tests
class ShortFuzzRunTest {
    static final long RUNS = Long.parseLong(System.getenv().getOrDefault("OPS_FUZZ_RUNS", "5000"));
    /** Only bounds a hang: a parser that needs this long for RUNS inputs is stuck, not slow. */
    static final int SAFETY_STOP_SECONDS = 900;

    /** The first half of the parsers, by name; {@link ShortFuzzRunSecondHalfTest} has the rest, in a JVM of its own beside this one. */
    @TestFactory
    Stream<DynamicTest> everyParserSurvivesAShortFuzzingRun() {
        List<String> all = Parsers.names();
        return fuzz(all.subList(0, all.size() / 2));
    }

    static Stream<DynamicTest> fuzz(List<String> parsers) {
        return parsers.stream().map(parser -> dynamicTest(parser, () -> {
            String target = "ops.fuzz." + className(parser);
            Path work = Files.createTempDirectory("ops-fuzz-" + parser);
            Path log = work.resolve("jazzer.log");
            // Jazzer 0.30 hands every -flag to libFuzzer as is (it adds -runs/-max_total_time itself only
            // for its own --max_executions/--max_duration, and only when they are not already given)
            Process p = new ProcessBuilder(List.of(javaBin(), "-XX:TieredStopAtLevel=1", "-cp", fuzzClasspath(),
                    "com.code_intelligence.jazzer.Jazzer", "--target_class=" + target, "--instrumentation_includes=ops.**",
                    // the regex roadblock hook guides long runs through our patterns; here it made each input ~8x dearer
                    "--disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexRoadblocks",
                    "--reproducer_path=" + work, "-runs=" + RUNS, "-max_total_time=" + SAFETY_STOP_SECONDS, "-seed=1",
                    "-artifact_prefix=" + work + "/", work.resolve("corpus").toString(), Repo.path("tests/fuzz/corpus/" + parser).toString()))
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(new File("/dev/null")).start();
            Files.createDirectories(work.resolve("corpus"));
            if (!p.waitFor(SAFETY_STOP_SECONDS + 300, TimeUnit.SECONDS)) { // JVM start and instrumentation come before libFuzzer's clock
                p.destroyForcibly().waitFor();
                fail(parser + ": jazzer still running after " + (SAFETY_STOP_SECONDS + 300) + " s: a hang\n" + tail(Files.readString(log)));
            }
            int code = p.exitValue();
            String out = Files.readString(log);
            assertFalse(out.contains("== Java Exception"), () -> parser + ": finding\n" + out.substring(Math.max(0, out.indexOf("== Java Exception"))));
            assertEquals(0, code, () -> parser + ": jazzer exited " + code + "\n" + tail(out));
            Matcher done = Pattern.compile("(?m)^Done (\\d+) runs").matcher(out);
            assertTrue(done.find(), () -> parser + ": no \"Done N runs\" line from libFuzzer\n" + tail(out));
            long runs = Long.parseLong(done.group(1));
            assertTrue(runs >= RUNS, () -> parser + ": only " + runs + " of " + RUNS + " inputs before the " + SAFETY_STOP_SECONDS
                    + " s safety stop: a parser that slow hangs\n" + tail(out));
        }));
    }

    /** Jars no parser uses: JUnit's, and the SSH stack's (client, test server, their crypto). */
    static final Pattern NOT_PARSERS = Pattern.compile("^(junit-|opentest4j-|apiguardian-|sshd-|bcprov-|bcpkix-|bcutil-|sshj-|asn-one-|jcl-over-slf4j-)");

    /**
     * This JVM's classpath without {@link #NOT_PARSERS}: Jazzer scans every jar on its classpath as it
     * starts, and with them each start cost 6.0 CPU-s instead of 3.9. A parser that needed one would
     * fail here with NoClassDefFoundError, not pass.
     */
    static String fuzzClasspath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !NOT_PARSERS.matcher(Path.of(e).getFileName().toString()).find())
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
    }

    private static String tail(String out) {
        return String.join("\n", out.lines().skip(Math.max(0, out.lines().count() - 20)).toList());
    }

    static String className(String parser) {
        StringBuilder sb = new StringBuilder();
        for (String w : parser.split("-")) sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        return sb + "Fuzzer";
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
