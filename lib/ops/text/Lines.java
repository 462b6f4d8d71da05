package ops.text;

/** Small helpers for quoting input text in one-line error messages. */
public final class Lines {
    private Lines() {}

    /** The text shortened to 120 characters, control characters (newlines too) shown as '?'. */
    public static String quote(String s) {
        String t = s.length() > 120 ? s.substring(0, 117) + "..." : s;
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.toString();
    }
}
