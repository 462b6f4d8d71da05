package ops.change;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import ops.base.AtomicFile;
import ops.base.OpsException;

/**
 * Where change records live: $OPS_STATE_DIR, else $XDG_STATE_HOME/ops, else ~/.local/state/ops.
 * The folder is 0700 and every file 0600: records hold firewall details nobody else should read.
 */
public final class StateDir {
    private final Path dir;

    public StateDir(Path dir) { this.dir = dir; }

    public static StateDir standard() {
        String explicit = System.getenv("OPS_STATE_DIR");
        if (explicit != null && !explicit.isBlank()) return new StateDir(Path.of(explicit));
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return new StateDir(base.resolve("ops"));
    }

    public Path path() { return dir; }

    /** Writes the first record of a change, before anything is changed: a failure says so. */
    public Path create(String name, String content) {
        try {
            return write(name, content);
        } catch (OpsException e) {
            throw new OpsException(e.getMessage() + "; nothing was changed", e.getCause());
        }
    }

    /** Writes {@code name} under changes/, atomically and private. */
    public Path write(String name, String content) {
        Path target = changes().resolve(name);
        try {
            AtomicFile.writePrivate(target, content);
            return target;
        } catch (IOException e) {
            throw new OpsException(target + ": cannot save the change record (" + e.getMessage()
                    + "); free space or fix permissions", e);
        }
    }

    /** Records whose file name starts with {@code prefix}, newest first. */
    public List<Path> records(String prefix) {
        Path changes = dir.resolve("changes");
        if (!Files.isDirectory(changes)) return List.of();
        try (Stream<Path> s = Files.list(changes)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".json"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new OpsException(changes + ": cannot list change records (" + e.getMessage() + ")", e);
        }
    }

    public Optional<Path> latest(String prefix) {
        return records(prefix).stream().findFirst();
    }

    private Path changes() {
        Path changes = dir.resolve("changes");
        try {
            for (Path p : new Path[] {dir, changes}) {
                if (!Files.isDirectory(p)) {
                    Files.createDirectories(p);
                }
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
            return changes;
        } catch (IOException e) {
            throw new OpsException(changes + ": cannot create the state folder (" + e.getMessage() + "); set OPS_STATE_DIR to a writable folder", e);
        }
    }
}
