package ops.audit;

import ops.base.ExitStatus;

public enum Severity {
    INFO, WARNING, CRITICAL;

    public ExitStatus exitStatus() {
        return switch (this) {
            case INFO -> ExitStatus.OK;
            case WARNING -> ExitStatus.WARNING;
            case CRITICAL -> ExitStatus.CRITICAL;
        };
    }
}
