package ops.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The java command a test starts one of the scripts' main classes with, as JBang runs it: this JVM's
 * JDK and classpath, and the scripts' own //RUNTIME_OPTIONS (C1 only, and class data sharing). The
 * archive is the one tests/run made for this classpath ({@link #ARCHIVE_ENV}, see
 * runner.ClassArchive); without one (a test run on its own) the JVM simply starts without it.
 */
public final class ScriptJvm {
    private ScriptJvm() {}

    /** Names the CDS archive tests/run dumped for the test classpath (set for each test JVM). */
    public static final String ARCHIVE_ENV = "OPS_TEST_CLASS_ARCHIVE";

    /** The JVM options before -cp: C1 as the scripts declare, and the run's class archive if there is one. */
    public static List<String> options() {
        List<String> o = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
        String archive = System.getenv(ARCHIVE_ENV);
        if (archive != null && Files.isRegularFile(Path.of(archive))) o.addAll(archiveOptions(Path.of(archive)));
        return o;
    }

    /** How a JVM of the test classpath maps {@code archive} (the test JVMs too, see runner.Suite). */
    public static List<String> archiveOptions(Path archive) {
        // a JVM that cannot use it (a jar changed since) starts without it (-Xshare:auto); these keep it from saying so on stderr
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** {@code java OPTIONS -cp CLASSPATH MAIN ARGS...}. */
    public static List<String> command(String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        return cmd;
    }
}
