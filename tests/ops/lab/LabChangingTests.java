package ops.lab;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * A lab class whose every test changes the lab: the lab is brought up again before the next test
 * (Lab.ensure sees it touched) and taken down after the class.
 */
abstract class LabChangingTests {
    @AfterEach
    void changedTheLab() {
        Lab.touched();
    }

    @AfterAll
    static void down() {
        Lab.down();
    }
}
