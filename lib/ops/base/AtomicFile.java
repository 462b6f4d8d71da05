package ops.base;
import ops.base.OpsException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file by temp file + rename in the same folder, so readers never see half a file. */
public final class AtomicFile {
    private AtomicFile() {}

    public static void write(Path target, String content) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                if (tmp != null) Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error matters more
            }
            throw new OpsException(target + ": could not write (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); check the folder exists, is writable and has space", e);
        }
    }
}
