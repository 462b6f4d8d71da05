package runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One class-data-sharing archive per run for the test classpath (JDK 13+ dynamic CDS): a JVM runs
 * ops.support.ScriptJvmTraining and dumps every class it loaded, already parsed and verified. The
 * test JVMs and the script JVMs the tests start (ops.support.ScriptJvm) map it instead of reading
 * and verifying those classes from the jars again (a live audit's JVM: 0.95 CPU-s instead of 1.3),
 * as the scripts do for their users (//CDS). Without an archive (the training failed, another JDK)
 * every JVM starts as before, and ClassArchiveTest fails to say so.
 */
final class ClassArchive {
    private ClassArchive() {}

    /** Bounds a hang only: the training takes a few seconds. */
    static final long TRAINING_DEADLINE_SECONDS = 300;

    /** The archive made in {@code dir}, or null with one line on stderr saying why there is none. */
    static Path make(Path dir) {
        Path archive = path(dir), partial = dir.resolve("classes.jsa.part"), log = dir.resolve("training.txt");
        try {
            Process p = new ProcessBuilder(javaBin(), "-XX:ArchiveClassesAtExit=" + partial, "-XX:TieredStopAtLevel=1",
                    "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Djava.io.tmpdir=" + dir,
                    "-cp", System.getProperty("java.class.path"), "ops.support.ScriptJvmTraining")
                    .redirectInput(new File("/dev/null")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(TRAINING_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return none("the training JVM still ran after " + TRAINING_DEADLINE_SECONDS + " s", log);
            }
            if (p.exitValue() != 0) return none("the training JVM exited " + p.exitValue(), log);
            if (!Files.isRegularFile(partial)) return none("the training JVM wrote no archive", log);
            // published whole: a JVM that finds the name maps a complete file
            return Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | InterruptedException e) {
            return none(e.toString(), log);
        }
    }

    /** Where the run's archive is, once made. */
    static Path path(Path dir) {
        return dir.resolve("classes.jsa");
    }

    private static Path none(String why, Path log) {
        String tail = "";
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            if (!lines.isEmpty()) tail = ": " + lines.get(lines.size() - 1);
        } catch (IOException e) {
            // the reason alone is enough
        }
        System.err.println("tests/run: no class archive (" + why + tail + "); the test JVMs start without one");
        return null;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
