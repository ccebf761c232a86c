package io.qiaoban.rule.expression;

import io.qiaoban.core.expression.ExpressionException;
import java.util.Arrays;
import java.util.Set;

/**
 * The source as MVEL gets it, after one lexical pass over its tokens (text in quotes and comments
 * are copied as they are). MVEL folds an operator between two literals into a constant while it
 * parses, before the sandbox's tree walk can see the operator, and some of its operators cost
 * without bound when folded (a regular expression, a power). So this pass refuses, with their
 * position, what must never reach the parser:
 * <ul>
 * <li>operator spellings outside the allowlist: {@code ~= ** << >> & | ^ # @ $} and the word
 * operators {@code instanceof is soundslike strsim convertable_to or}, and {@code contains} used
 * as an infix operator;</li>
 * <li>numbers with a suffix or an exponent ({@code 1L 0x1F 1e5 2B}): numbers are plain decimals;</li>
 * <li>nesting deeper than the limit, and name chains ({@code a.b.c...}) longer than 8: MVEL's parser
 * takes time that grows steeply with both.</li>
 * </ul>
 * and it changes two kinds of token: every plain number becomes a BigDecimal literal ({@code 0.8}
 * becomes {@code 0.8B}: MVEL would read a double, and {@code 0.1 + 0.2} would be
 * 0.30000000000000004), and a call of the library function {@code contains(...)} is renamed
 * {@code includes(...)}, which MVEL does not take for its operator. The sandbox's own checks run on
 * the compiled tree; positions are mapped back to the user's source.
 */
record MarkedSource(String text, int[] inserted) {
    static final String CONTAINS_CALL = "includes";
    static final int MAX_CHAIN = 8;
    private static final Set<String> WORD_OPERATORS =
            Set.of("instanceof", "is", "soundslike", "strsim", "convertable_to", "or");

    static MarkedSource mark(String source, int maxNesting) {
        StringBuilder out = new StringBuilder(source.length() + 8);
        int[] inserted = new int[8];
        int count = 0;
        int depth = 0;
        int chain = 0;
        int n = source.length();
        for (int i = 0; i < n; ) {
            char c = source.charAt(i);
            char next = i + 1 < n ? source.charAt(i + 1) : 0;
            if (c == '\'' || c == '"') {
                int end = endOfText(source, i);
                out.append(source, i, end);
                i = end;
                chain = 0;
            } else if (c == '/' && next == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(source, i, end);
                i = end;
            } else if (c == '/' && next == '/') {
                int end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(source, i, end);
                i = end;
            } else if (Character.isJavaIdentifierStart(c) && c != '$') {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(source.charAt(j)) && source.charAt(j) != '$') {
                    j++;
                }
                String name = source.substring(i, j);
                boolean called = calledAt(source, j);
                boolean containsCall = "contains".equals(name) && called && operandExpectedBefore(source, i);
                if (WORD_OPERATORS.contains(name) || "contains".equals(name) && !containsCall) {
                    throw new ExpressionException("expression.refused.operator", i, name);
                }
                chain = previousIsDot(source, i) ? chain + 1 : 1;
                if (chain > MAX_CHAIN) {
                    throw new ExpressionException("expression.tooDeep", i, MAX_CHAIN);
                }
                out.append(containsCall ? CONTAINS_CALL : name);
                i = j;
            } else if (isDigit(c) && (i == 0 || source.charAt(i - 1) != '.')) {
                int j = i;
                while (j < n && isDigit(source.charAt(j))) {
                    j++;
                }
                if (j + 1 < n && source.charAt(j) == '.' && isDigit(source.charAt(j + 1))) {
                    j++;
                    while (j < n && isDigit(source.charAt(j))) {
                        j++;
                    }
                }
                if (j < n && (Character.isJavaIdentifierPart(source.charAt(j)) || source.charAt(j) == '.')) {
                    throw new ExpressionException("expression.refused.number", i, source.substring(i, Math.min(n, j + 1)));
                }
                out.append(source, i, j);
                if (count == inserted.length) {
                    inserted = Arrays.copyOf(inserted, count * 2);
                }
                inserted[count++] = out.length();
                out.append('B');
                i = j;
                chain = 0;
            } else {
                String refused = refusedOperator(source, i);
                if (refused != null) {
                    throw new ExpressionException("expression.refused.operator", i, refused);
                }
                if (c == '(' || c == '[' || c == '{') {
                    if (++depth > maxNesting) {
                        throw new ExpressionException("expression.tooDeep", i, maxNesting);
                    }
                } else if (c == ')' || c == ']' || c == '}') {
                    depth = Math.max(0, depth - 1);
                }
                if (c != '.' && !Character.isWhitespace(c)) {
                    chain = 0;
                }
                out.append(c);
                i++;
            }
        }
        return new MarkedSource(out.toString(), Arrays.copyOf(inserted, count));
    }

    /** The operator spelled at {@code i} if it is one MVEL has and the sandbox refuses; null otherwise. */
    private static String refusedOperator(String s, int i) {
        char c = s.charAt(i);
        char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
        char before = i > 0 ? s.charAt(i - 1) : 0;
        return switch (c) {
            case '~' -> "~";
            case '*' -> next == '*' ? "**" : null;
            case '<' -> next == '<' ? "<<" : null;
            case '>' -> next == '>' ? ">>" : null;
            case '&' -> next == '&' || before == '&' ? null : "&";
            case '|' -> next == '|' || before == '|' ? null : "|";
            case '^', '#', '@', '$', '\\', '`' -> String.valueOf(c);
            default -> null;
        };
    }

    private static int endOfText(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            i++;
            if (c == quote) {
                return i;
            }
        }
        return s.length(); // unterminated: MVEL reports it
    }

    private static boolean previousIsDot(String s, int i) {
        i--;
        while (i >= 0 && Character.isWhitespace(s.charAt(i))) {
            i--;
        }
        return i >= 0 && s.charAt(i) == '.';
    }

    /** The position in the user's source of a position in the marked text. */
    int original(int position) {
        if (position < 0) {
            return position;
        }
        int shift = 0;
        for (int at : inserted) {
            if (at < position) {
                shift++;
            }
        }
        return position - shift;
    }

    private static boolean calledAt(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i < s.length() && s.charAt(i) == '(';
    }

    /** Whether the token before {@code i} leaves room for an operand (start, "(", ",", an operator). */
    private static boolean operandExpectedBefore(String s, int i) {
        i--;
        while (i >= 0 && Character.isWhitespace(s.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return true;
        }
        char c = s.charAt(i);
        return !(Character.isJavaIdentifierPart(c) || c == ')' || c == ']' || c == '\'' || c == '"');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
