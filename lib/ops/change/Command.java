package ops.change;

import java.time.Duration;
import java.util.Optional;
import ops.remote.Remote;
import ops.remote.Sudo;
import ops.text.Shell;

/**
 * Exactly what a step runs on its host: as whom, the command, what it gets on stdin and how
 * long it may take. {@link #line()} is the one place sudo is added; a plan shows {@link #text()},
 * as root runs it, and says once how a login that is not root goes through sudo.
 */
public record Command(As as, String text, String stdin, Duration timeout) {
    /** The login as it is, or root: the login itself when it is uid 0, else through {@code sudo -n}. */
    public enum As { LOGIN, ROOT }

    public static Command asLogin(String text) {
        return new Command(As.LOGIN, text, "", Duration.ofSeconds(60));
    }

    public static Command asRoot(String text) {
        return new Command(As.ROOT, text, "", Duration.ofSeconds(60));
    }

    /** A small script for root's sh, passed as one quoted word. */
    public static Command rootScript(String script) {
        return asRoot("sh -c " + Shell.quote(script));
    }

    public Command input(String stdin) { return new Command(as, text, stdin, timeout); }

    public Command within(Duration timeout) { return new Command(as, text, stdin, timeout); }

    /** The line the host's /bin/sh runs. */
    public String line() {
        return as == As.ROOT ? Sudo.wrap(text) : text;
    }

    public Remote.Result run(Remote host) {
        return host.run(line(), stdin, timeout);
    }

    /** One line when sudo refused the command (or is missing); empty when a failure is the command's own. */
    public Optional<String> refusal(Remote host, Remote.Result r) {
        return as == As.ROOT ? Sudo.refusal(host, text, r) : Optional.empty();
    }
}
