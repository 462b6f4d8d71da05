package ops.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The real-ip fault classes share the plan's steps out between them: together, every step once. */
class RealIpFaultSlicesTest {
    @Test
    void everyStepIsFaultedByExactlyOneClass() {
        List<Integer> all = new ArrayList<>();
        LabRealIpFaultTest.SLICES.values().forEach(all::addAll);
        all.sort(null);
        assertEquals(IntStream.range(0, LabRealIpFaultTest.STEPS.size()).boxed().toList(), all);
    }
}
