package io.qiaoban.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qiaoban.core.problem.Messages;
import io.qiaoban.core.problem.ProblemException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ProblemLanguageTest {
    @Test
    void acceptLanguagePicksChineseOrEnglishWithChineseAsDefault() {
        assertEquals(Messages.ZH, Messages.fromAcceptLanguage(null));
        assertEquals(Messages.EN, Messages.fromAcceptLanguage("en-US,en;q=0.9"));
        assertEquals(Messages.ZH, Messages.fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8"));
        assertEquals(Messages.EN, Messages.fromAcceptLanguage("fr-FR, en;q=0.5"));
        assertEquals(Messages.ZH, Messages.fromAcceptLanguage("de"));
        assertEquals(Messages.ZH, Messages.fromAcceptLanguage(";;;garbage=="));
    }

    @Test
    void bothLanguagesHaveTheSameMessages() throws Exception {
        assertEquals(keys("messages_zh_CN.properties"), keys("messages_en.properties"));
    }

    @Test
    void problemsNameThingsInTheirLanguage() {
        assertEquals("The app does not exist, or you have no access to it.",
                Messages.problem(Locale.ENGLISH, ProblemException.notFound("@thing.app")).detail());
        assertEquals("应用不存在，或你没有访问权限。",
                Messages.problem(Messages.ZH, ProblemException.notFound("@thing.app")).detail());
    }

    private static Set<String> keys(String file) throws Exception {
        Properties p = new Properties();
        try (var in = ProblemLanguageTest.class.getResourceAsStream("/io/qiaoban/core/problem/" + file)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return new TreeSet<>(p.stringPropertyNames());
    }
}
