package ops.fuzz;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/** {@link ShortFuzzRunTest}'s runs for the second half of the parsers, by name: fourteen runs one after another took 400 s of wall. */
@Tag("slow") // a JVM of its own in tests/run (runner.Job): it runs alongside the lab tests
class ShortFuzzRunSecondHalfTest {
    @TestFactory
    Stream<DynamicTest> everyParserSurvivesAShortFuzzingRun() {
        List<String> all = Parsers.names();
        return ShortFuzzRunTest.fuzz(all.subList(all.size() / 2, all.size()));
    }
}
