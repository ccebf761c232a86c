package io.qiaoban.form.schema;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The names an expression's text uses, as the expression language reads names (Java identifiers, so
 * "累计消费" as well as "spend"), strings and comments included: for the checks that must not miss a
 * field an expression reads, finding one too many is the safe mistake.
 */
public final class ExpressionNames {
    private ExpressionNames() {
    }

    public static Set<String> in(String source) {
        Set<String> names = new LinkedHashSet<>();
        if (source == null) {
            return names;
        }
        int i = 0;
        while (i < source.length()) {
            int c = source.codePointAt(i);
            if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                i += Character.charCount(c);
                while (i < source.length() && Character.isJavaIdentifierPart(source.codePointAt(i))) {
                    i += Character.charCount(source.codePointAt(i));
                }
                names.add(source.substring(start, i));
            } else {
                i += Character.charCount(c);
            }
        }
        return names;
    }
}
