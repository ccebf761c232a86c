package io.qiaoban.rule.expression;

import io.qiaoban.core.expression.ExpressionException;
import java.util.ArrayList;
import java.util.List;

/**
 * What MVEL hands over as one "property" token (a name, a path like {@code customer.level} or
 * {@code orders[0]}, or a call like {@code daysSince(d)}), read with the sandbox's own strict grammar:
 *
 * <pre>
 * path    := name ( '(' args ')' )?  |  name segment*
 * segment := '.' name  |  '[' ( 'text' | "text" | digits ) ']'
 * </pre>
 *
 * Anything else (a method call on a value, {@code ?.}, a projection...) is refused here, and the
 * sandbox then evaluates the token itself: MVEL's reflective property machinery never sees it.
 */
record PropertyPath(String root, boolean call, List<Argument> arguments, List<Object> segments) {

    /** An argument's source text and where it starts, relative to the token. */
    record Argument(String text, int offset) {
    }

    static PropertyPath parse(String token) {
        return new Reader(token).path();
    }

    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        PropertyPath path() {
            blanks();
            String root = name();
            blanks();
            if (i < s.length() && s.charAt(i) == '(') {
                List<Argument> arguments = arguments();
                blanks();
                if (i < s.length()) {
                    throw refused(s.charAt(i) == '.' ? "expression.methodCall" : "expression.syntax");
                }
                return new PropertyPath(root, true, arguments, List.of());
            }
            List<Object> segments = new ArrayList<>();
            while (true) {
                blanks();
                if (i >= s.length()) {
                    return new PropertyPath(root, false, List.of(), List.copyOf(segments));
                }
                char c = s.charAt(i);
                if (c == '.') {
                    i++;
                    blanks();
                    int at = i;
                    String field = name();
                    blanks();
                    if (i < s.length() && s.charAt(i) == '(') {
                        i = at;
                        throw refused("expression.methodCall");
                    }
                    segments.add(field);
                } else if (c == '[') {
                    i++;
                    blanks();
                    segments.add(index());
                    blanks();
                    expect(']');
                } else {
                    throw refused("expression.construct");
                }
            }
        }

        private Object index() {
            if (i < s.length() && (s.charAt(i) == '\'' || s.charAt(i) == '"')) {
                return text();
            }
            int start = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (start == i || i - start > 6) {
                i = start;
                throw refused("expression.index");
            }
            int value = Integer.parseInt(s.substring(start, i));
            if (i < s.length() && s.charAt(i) == 'B') {
                i++; // the decimal suffix the sandbox added to every number
            }
            return value;
        }

        private String text() {
            char quote = s.charAt(i++);
            StringBuilder out = new StringBuilder();
            while (i < s.length() && s.charAt(i) != quote) {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    c = s.charAt(i++);
                }
                out.append(c);
            }
            expect(quote);
            return out.toString();
        }

        private List<Argument> arguments() {
            i++; // (
            List<Argument> arguments = new ArrayList<>();
            int depth = 0;
            int start = i;
            char quote = 0;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quote != 0) {
                    if (c == '\\') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    if (depth == 0) {
                        if (c != ')') {
                            throw refused("expression.syntax");
                        }
                        add(arguments, start, i, true);
                        i++;
                        return arguments;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    add(arguments, start, i, false);
                    start = i + 1;
                }
            }
            throw refused("expression.syntax");
        }

        private void add(List<Argument> arguments, int start, int end, boolean last) {
            String text = s.substring(start, end);
            if (text.isBlank()) {
                if (last && arguments.isEmpty()) {
                    return; // f()
                }
                i = start;
                throw refused("expression.syntax");
            }
            arguments.add(new Argument(text, start));
        }

        private String name() {
            int start = i;
            if (i < s.length() && Character.isJavaIdentifierStart(s.codePointAt(i)) && s.charAt(i) != '$') {
                i += Character.charCount(s.codePointAt(i));
                while (i < s.length() && Character.isJavaIdentifierPart(s.codePointAt(i)) && s.charAt(i) != '$'
                        && !Character.isIdentifierIgnorable(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
            }
            if (start == i) {
                throw refused("expression.syntax");
            }
            return s.substring(start, i);
        }

        private void blanks() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw refused("expression.syntax");
            }
            i++;
        }

        private ExpressionException refused(String code) {
            return new ExpressionException(code, i, i < s.length() ? s.substring(i, Math.min(s.length(), i + 20)) : "");
        }
    }
}
