package ops.base;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -o FILE: a file is replaced whole; a link keeps being a link; a pipe or device is written through, never replaced. */
class AtomicFileTest {
    @Test
    void aLinkToAFileStaysALinkAndItsFileIsReplaced(@TempDir Path dir) throws Exception {
        Path real = Files.writeString(dir.resolve("real.html"), "old"), link = Files.createSymbolicLink(dir.resolve("link.html"), real);
        AtomicFile.write(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void aLinkToADeviceIsWrittenThroughNotReplaced(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("out"), Path.of("/dev/null")); // as /dev/stdout is a link to a pipe or tty
        AtomicFile.write(link, "report");
        assertTrue(Files.isSymbolicLink(link), "the link itself is left alone");
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temp file left beside it");
        }
    }
}
