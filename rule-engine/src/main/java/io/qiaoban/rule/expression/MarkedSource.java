package io.qiaoban.rule.expression;

import java.util.Arrays;

/**
 * The source as MVEL gets it, after one lexical pass that changes two kinds of token and nothing
 * else (text in quotes is left alone):
 * <ul>
 * <li>every plain number becomes a BigDecimal literal ({@code 0.8} becomes {@code 0.8B}). MVEL reads
 * {@code 0.8} as a double and folds constants at compile time ({@code 0.1 + 0.2} would be
 * 0.30000000000000004), which is wrong for money;</li>
 * <li>a call of the library function {@code contains(...)} is renamed {@code includes(...)}, because
 * MVEL's parser takes {@code contains} for its infix operator.</li>
 * </ul>
 * This pass checks nothing: the sandbox's checks run on the compiled tree. Positions are mapped back
 * to the user's source.
 */
record MarkedSource(String text, int[] inserted) {
    static final String CONTAINS_CALL = "includes";

    static MarkedSource mark(String source) {
        StringBuilder out = new StringBuilder(source.length() + 8);
        int[] inserted = new int[8];
        int count = 0;
        char quote = 0;
        int n = source.length();
        for (int i = 0; i < n; ) {
            char c = source.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < n) {
                    out.append(source.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
                i++;
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
                i++;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(source.charAt(j))) {
                    j++;
                }
                String name = source.substring(i, j);
                out.append("contains".equals(name) && calledAt(source, j) && operandExpectedBefore(source, i)
                        ? CONTAINS_CALL : name);
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
                out.append(source, i, j);
                boolean suffixed = j < n && (Character.isJavaIdentifierPart(source.charAt(j)) || source.charAt(j) == '.');
                if (!suffixed) {
                    if (count == inserted.length) {
                        inserted = Arrays.copyOf(inserted, count * 2);
                    }
                    inserted[count++] = out.length();
                    out.append('B');
                }
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return new MarkedSource(out.toString(), Arrays.copyOf(inserted, count));
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
