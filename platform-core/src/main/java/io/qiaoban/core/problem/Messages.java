package io.qiaoban.core.problem;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Texts a user reads in problem documents, in zh-CN (the default) or English. Bundles live beside
 * this class as {@code messages_zh_CN.properties} and {@code messages_en.properties}; each engine adds
 * its own texts as {@code META-INF/qiaoban/messages_zh_CN.properties} and {@code ..._en.properties}
 * in its jar, so it never edits platform-core to name its own errors.
 */
public final class Messages {
    public static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    public static final Locale EN = Locale.ENGLISH;
    private static final String BUNDLE = "io.qiaoban.core.problem.messages";
    private static final Map<Locale, Properties> ENGINE_TEXTS = new ConcurrentHashMap<>();

    private Messages() {
    }

    /** Picks zh-CN or English from an Accept-Language header; anything else falls back to zh-CN. */
    public static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return ZH;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String tag = range.getRange().toLowerCase(Locale.ROOT);
                if (tag.startsWith("zh")) {
                    return ZH;
                }
                if (tag.startsWith("en")) {
                    return EN;
                }
            }
        } catch (IllegalArgumentException malformed) {
            return ZH;
        }
        return ZH;
    }

    public static String text(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, EN.equals(locale) ? EN : ZH,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            pattern = engineTexts(EN.equals(locale) ? EN : ZH).getProperty(key);
            if (pattern == null) {
                return key;
            }
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(localizeArgs(locale, args));
    }

    private static Properties engineTexts(Locale locale) {
        return ENGINE_TEXTS.computeIfAbsent(locale, l -> {
            Properties merged = new Properties();
            String name = "META-INF/qiaoban/messages_" + (EN.equals(l) ? "en" : "zh_CN") + ".properties";
            try {
                ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : Messages.class.getClassLoader();
                Enumeration<URL> found = loader.getResources(name);
                while (found.hasMoreElements()) {
                    try (Reader in = new InputStreamReader(found.nextElement().openStream(), StandardCharsets.UTF_8)) {
                        merged.load(in);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return merged;
        });
    }

    /** Arguments that are themselves message keys (prefixed {@code @}) are translated too. */
    private static Object[] localizeArgs(Locale locale, Object[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i] instanceof String s && s.startsWith("@") ? text(locale, s.substring(1)) : args[i];
        }
        return out;
    }

    public static Problem problem(Locale locale, ProblemException e) {
        List<FieldError> errors = e.errors().stream()
                .map(f -> new FieldError(f.field(), f.code(),
                        f.message() != null ? f.message()
                                : text(locale, "field." + f.code(), f.args().isEmpty() ? e.args() : f.args().toArray()),
                        f.position()))
                .toList();
        String detail = e.code().equals("validation") && errors.size() == 1
                ? errors.get(0).message()
                : e.code().equals("validation") ? text(locale, "validation.detail", errors.size())
                : text(locale, e.code() + ".detail", e.args());
        return new Problem("https://qiaoban.io/problems/" + e.code(), text(locale, e.code() + ".title"),
                e.status(), detail, errors);
    }
}
