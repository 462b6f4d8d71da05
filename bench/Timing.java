import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the benchmarks share: run a command quietly, take a median. */
final class Timing {
    private Timing() {}

    /** Runs {@code cmd} with no input and its output discarded; returns its exit code. */
    static int run(List<String> cmd) throws Exception {
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(new File("/dev/null")).start().waitFor();
    }

    static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
