package ops.text;

/** Quoting for the POSIX shell commands we send to hosts. */
public final class Shell {
    private Shell() {}

    /** Single-quotes a word: safe for any content. */
    public static String quote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=@+,".indexOf(c) >= 0)) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
