package ops.badinput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ops.ssh.SshLab;

/** A real full disk: a 64 KiB tmpfs (needs root), filled to the last byte, unmounted on close. */
final class TinyDisk {
    private TinyDisk() {}

    static Path mount(Path dir, List<AutoCloseable> cleanup) throws IOException {
        Files.createDirectories(dir);
        SshLab.run(List.of("mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "ops-full", dir.toString()));
        cleanup.add(() -> SshLab.run(List.of("umount", "-l", dir.toString())));
        try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
            byte[] block = new byte[4096];
            while (true) out.write(block);
        } catch (IOException expected) {
            // No space left on device: the disk is full, which is the point
        }
        return dir;
    }
}
