package ops.audit;

import java.util.Comparator;

/**
 * One finding: a stable code, a severity, what it is about, a one-line message naming the
 * objects, and a one-line fix (ideally one of our commands).
 */
public record Finding(Code code, Severity severity, String subject, String message, String fix) {

    public Finding(Code code, String subject, String message, String fix) {
        this(code, code.severity, subject, message, fix);
    }

    /** Worst first, then by code and subject: stable output for people, diffs and tests. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity).reversed()
            .thenComparing(f -> f.code().id).thenComparing(Finding::subject);
}
