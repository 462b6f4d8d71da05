package ops.fuzz;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import ops.support.Repo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A short real fuzzing run (Jazzer, coverage-guided) of every parser, each in its own JVM
 * (libFuzzer runs one target per process), seeded with tests/fuzz/corpus/PARSER/ and a fixed
 * seed. OPS_FUZZ_SECONDS sets the length (default 8 s each); `tests/fuzz/run` is the long run.
 */
class ShortFuzzRunTest {
    static final int SECONDS = Integer.parseInt(System.getenv().getOrDefault("OPS_FUZZ_SECONDS", "8"));

    @TestFactory
    Stream<DynamicTest> everyParserSurvivesAShortFuzzingRun() {
        return Parsers.names().stream().map(parser -> dynamicTest(parser, () -> {
            String target = "ops.fuzz." + className(parser);
            Path work = Files.createTempDirectory("ops-fuzz-" + parser);
            Path log = work.resolve("jazzer.log");
            Process p = new ProcessBuilder(List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
                    "com.code_intelligence.jazzer.Jazzer", "--target_class=" + target, "--instrumentation_includes=ops.**",
                    "--reproducer_path=" + work, "-max_total_time=" + SECONDS, "-seed=1", "-artifact_prefix=" + work + "/",
                    work.resolve("corpus").toString(), Repo.path("tests/fuzz/corpus/" + parser).toString()))
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(new File("/dev/null")).start();
            Files.createDirectories(work.resolve("corpus"));
            int code = p.waitFor();
            String out = Files.readString(log);
            assertFalse(out.contains("== Java Exception"), () -> parser + ": finding\n" + out.substring(Math.max(0, out.indexOf("== Java Exception"))));
            assertEquals(0, code, () -> parser + ": jazzer exited " + code + "\n" + out.lines().skip(Math.max(0, out.lines().count() - 20)).toList());
            java.util.regex.Matcher done = java.util.regex.Pattern.compile("Done (\\d+) runs").matcher(out);
            assertTrue(done.find() && Long.parseLong(done.group(1)) >= 50, () -> parser + ": hardly any fuzzing happened\n" + out);
        }));
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
