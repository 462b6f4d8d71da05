package ops.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of this repository, found from the working directory upwards (tests run from the checkout). */
public final class Repo {
    private Repo() {}

    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("jbang-catalog.json"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("run the tests from inside the repository");
        return p;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
