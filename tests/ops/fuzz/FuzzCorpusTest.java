package ops.fuzz;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import ops.support.Repo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The seed corpus (tests/fuzz/corpus/PARSER/) and a fixed set of damaged copies of it
 * (truncations, flipped bytes, dropped and doubled lines; seeded, so every run is the same)
 * through every parser: a clear OpsException or a result, nothing else.
 */
class FuzzCorpusTest {
    @TestFactory
    Stream<DynamicTest> everyParserSurvivesItsCorpusAndDamagedCopies() {
        return Parsers.names().stream().map(parser -> dynamicTest(parser, () -> {
            for (byte[] input : inputs(parser)) Parsers.check(parser, input);
        }));
    }

    private static final String DAMAGE = " \n\t\"'<>/{}[]=:,#0a-!";

    static List<byte[]> inputs(String parser) {
        List<byte[]> out = new ArrayList<>(List.of(new byte[0], "\n".getBytes(), new byte[] {0, (byte) 0xff, '<', '{', '['}));
        Random rnd = new Random(parser.hashCode());
        try (Stream<Path> files = Files.list(Repo.path("tests/fuzz/corpus/" + parser))) {
            for (Path f : files.sorted().toList()) {
                byte[] seed = Files.readAllBytes(f);
                out.add(seed);
                for (int i = 1; i <= 10; i++) out.add(java.util.Arrays.copyOf(seed, seed.length * i / 11)); // truncated
                for (int i = 0; i < 40; i++) {
                    byte[] flipped = seed.clone();
                    for (int k = 0; k < 1 + rnd.nextInt(8) && flipped.length > 0; k++) {
                        flipped[rnd.nextInt(flipped.length)] = (byte) DAMAGE.charAt(rnd.nextInt(DAMAGE.length()));
                    }
                    out.add(flipped);
                }
                String[] lines = new String(seed).split("\n", -1);
                for (int i = 0; i < Math.min(lines.length, 30); i++) {
                    List<String> dropped = new ArrayList<>(List.of(lines));
                    dropped.remove(rnd.nextInt(dropped.size()));
                    out.add(String.join("\n", dropped).getBytes());
                    List<String> doubled = new ArrayList<>(List.of(lines));
                    int at = rnd.nextInt(doubled.size());
                    doubled.add(at, doubled.get(at));
                    out.add(String.join("\n", doubled).getBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
