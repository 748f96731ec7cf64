package dev.harrier.cli;

/** Turns exceptions into one-line messages for the user (the stack trace only with -Dharrier.debug=true). */
final class Errors {
    private Errors() {}

    static String describe(Throwable ex) {
        StringBuilder sb = new StringBuilder();
        Throwable t = ex;
        int depth = 0;
        while (t != null && depth < 4) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && sb.indexOf(m) < 0) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(m);
            }
            t = t.getCause();
            depth++;
        }
        return sb.length() == 0 ? ex.getClass().getSimpleName() : sb.toString();
    }
}
