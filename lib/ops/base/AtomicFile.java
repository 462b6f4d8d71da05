package ops.base;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a file by temp file + rename in the same folder, so readers never see half a file. */
public final class AtomicFile {
    private static final FileAttribute<?> PRIVATE = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private AtomicFile() {}

    public static void write(Path target, String content) {
        try {
            replace(target, content, false);
        } catch (IOException e) {
            throw new OpsException(target + ": could not write (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); check the folder exists, is writable and has space", e);
        }
    }

    /** As {@link #write}, for what only the user may read (0600 from the first byte); the caller words a failure. */
    public static void writePrivate(Path target, String content) throws IOException {
        replace(target, content, true);
    }

    private static void replace(Path target, String content, boolean alone) throws IOException {
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            // a pipe or a device (-o /dev/stdout): written through; a rename would replace the link itself
            Files.writeString(target, content, StandardCharsets.UTF_8);
            return;
        }
        if (Files.isSymbolicLink(target)) target = target.toRealPath(); // the file it names is the one replaced
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String prefix = "." + target.getFileName();
        Path tmp = alone ? Files.createTempFile(dir, prefix, ".tmp", PRIVATE) : Files.createTempFile(dir, prefix, ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error matters more
            }
            throw e;
        }
    }
}
