package ops.lab;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * A script's main class as its own process, as a user would run it: with this JVM's classpath,
 * optionally inside one of the lab's network namespaces (the probe then really starts there).
 */
final class ScriptProcess {
    private ScriptProcess() {}

    static List<String> command(String namespace, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        if (namespace != null) cmd.addAll(List.of("ip", "netns", "exec", namespace));
        cmd.addAll(ops.support.ScriptJvm.command(mainClass, args));
        return cmd;
    }

    static Process start(String namespace, String mainClass, List<String> args, File out, File err) {
        try {
            return new ProcessBuilder(command(namespace, mainClass, args)).directory(Lab.repo().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out).redirectError(err).start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
