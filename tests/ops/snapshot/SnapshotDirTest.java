package ops.snapshot;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import ops.base.OpsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotDirTest {
    static final Path EXAMPLE = Path.of("examples/double-nat");

    @TempDir Path tmp;

    @Test
    void aSavedSnapshotReadsBackTheSame() throws IOException {
        Snapshot s = SnapshotDir.read(EXAMPLE);
        Path dir = tmp.resolve("snap");
        SnapshotDir.write(dir, s);
        Snapshot back = SnapshotDir.read(dir);
        assertEquals(s.configXml(), back.configXml());
        assertEquals(s.routes(), back.routes());
        assertEquals(s.edges(), back.edges());
        assertEquals(0, hidden(tmp), "no staging folder left behind");
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------",
                        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p + ": private");
            }
        }
    }

    @Test
    void savingOverAnOlderSnapshotReplacesItWholeWithNoStaleFiles() throws IOException {
        Path dir = tmp.resolve("snap");
        SnapshotDir.write(dir, SnapshotDir.read(EXAMPLE));
        Files.writeString(dir.resolve("edges/EDGE9_VPNV4.nft.json"), "{}"); // from an older run, an edge since gone
        SnapshotDir.write(dir, SnapshotDir.read(EXAMPLE));
        assertFalse(Files.exists(dir.resolve("edges/EDGE9_VPNV4.nft.json")));
        assertTrue(Files.exists(dir.resolve("edges/EDGE3_VPNV4.nft.json")));
        assertEquals(0, hidden(tmp));
    }

    @Test
    void aFolderHoldingOtherFilesIsRefusedAndLeftAlone() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        OpsException e = assertThrows(OpsException.class, () -> SnapshotDir.write(dir, SnapshotDir.read(EXAMPLE)));
        assertEquals(dir.toAbsolutePath() + ": holds files that are not a snapshot (notes.txt); choose a new or empty folder, nothing was written",
                e.getMessage());
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
        assertFalse(Files.exists(dir.resolve("config.xml")));
    }

    @Test
    void anEmptyFolderIsFilled() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        SnapshotDir.write(dir, SnapshotDir.read(EXAMPLE));
        assertTrue(Files.exists(dir.resolve("config.xml")));
    }

    private static long hidden(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).count();
        }
    }
}
