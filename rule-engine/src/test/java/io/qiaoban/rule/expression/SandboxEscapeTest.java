package io.qiaoban.rule.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.qiaoban.core.expression.CompiledExpression;
import io.qiaoban.core.expression.ExpressionContext;
import io.qiaoban.core.expression.ExpressionContextType;
import io.qiaoban.core.expression.ExpressionException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Escape attempts (constructors, static calls, reflection, class loaders, I/O, JNDI, script engines,
 * loops, recursion, huge values, unicode tricks, literals smuggling types...): each is refused at
 * compile time or stopped while it runs, and the JVM is unharmed afterwards.
 */
class SandboxEscapeTest {
    static final Path PWNED = Path.of("/tmp/qiaoban-pwned");
    static final ExpressionSandbox SANDBOX = ExpressionSandbox.withDefaults();
    static final ExpressionContextType TYPE = new ExpressionContextType(
            Map.of("name", String.class, "amount", BigDecimal.class, "totalSpend", BigDecimal.class,
                    "rec", Map.class, "list", List.class), Set.of());
    static int threadsBefore;

    static Stream<String> attempts() throws IOException {
        try (InputStream in = SandboxEscapeTest.class.getResourceAsStream("SandboxEscapeTest/attempts.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList().stream();
        }
    }

    static Map<String, Object> values() {
        Map<String, Object> v = new HashMap<>();
        v.put("name", "王小明");
        v.put("amount", new BigDecimal("12.50"));
        v.put("totalSpend", new BigDecimal("6000"));
        v.put("rec", new HashMap<>(Map.of("x", "1", "a", "b")));
        v.put("list", new ArrayList<>(List.of(Map.of("amount", 1))));
        return v;
    }

    @BeforeAll
    static void before() throws IOException {
        Files.deleteIfExists(PWNED);
        threadsBefore = Thread.activeCount();
    }

    @Test
    void theCorpusIsLargeEnough() throws IOException {
        assertTrue(attempts().count() >= 80, "at least 80 escape attempts");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void isRefusedOrStopped(String attempt) {
        Map<String, Object> values = values();
        ExpressionException refused = assertThrows(ExpressionException.class, () -> {
            CompiledExpression compiled = SANDBOX.compile(attempt, TYPE);
            SANDBOX.run(compiled, new ExpressionContext(values, Instant.now()));
        }, attempt);
        assertTrue(refused.code().startsWith("expression."), refused.code());
        assertTrue(refused.position() >= -1 && refused.position() <= attempt.length(), "position inside the source");
        assertEquals(values(), values, "the context is unchanged");
    }

    @Test
    void anAssignmentTargetIsAPlainDeclaredOutput() {
        // found by review: MVEL sends "o[...] = v" to its own optimizer, index expression and all
        ExpressionContextType withOutputs = new ExpressionContextType(Map.of("o", Map.class), Set.of("out"));
        assertThrows(ExpressionException.class, () -> SANDBOX.compile(
                "out[Runtime.getRuntime().exec('touch /tmp/qiaoban-pwned')] = 'v'", withOutputs));
        assertThrows(IllegalArgumentException.class, () -> SANDBOX.compile("o[1] = 'v'",
                new ExpressionContextType(Map.of("o", Map.class), Set.of("o[Runtime.getRuntime().exec('id')]"))));
        assertEquals("v", SANDBOX.run(SANDBOX.compile("out = 'v'", withOutputs),
                new ExpressionContext(Map.of("o", Map.of()), Instant.now())).outputs().get("out"));
    }

    @Test
    void noClassIsInitialisedWhileCompiling() {
        // a cast resolves its class name: MVEL falls back to the context class loader, which initialises it
        assertThrows(ExpressionException.class, () -> SANDBOX.compile("(io.qiaoban.rule.expression.Canary) rec", TYPE));
        assertThrows(ExpressionException.class, () -> SANDBOX.compile("foreach (io.qiaoban.rule.expression.Canary c : list) { 1 }", TYPE));
        // read the property, not a field of Canary: touching the class would initialise it
        assertEquals(null, System.getProperty("qiaoban.canary.initialised"), "a refused expression initialised a class");
    }

    @Test
    void whatMvelWouldFoldWhileParsingIsRefusedQuickly() {
        for (String folded : List.of("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' ~= '((a+)+)+c'", "(2 ** 99999999) % 7",
                "9I ** 9999999I", "(".repeat(1_200) + "amount" + ")".repeat(1_200), "x.".repeat(1_999) + "x")) {
            long start = System.nanoTime();
            assertThrows(ExpressionException.class, () -> SANDBOX.compile(folded, TYPE), folded);
            assertTrue(System.nanoTime() - start < Duration.ofMillis(500).toNanos(), "refused at once: " + folded.substring(0, Math.min(20, folded.length())));
        }
    }

    @Test
    void hugeNumbersAreStoppedBeforeTheyCost() {
        for (String huge : List.of("floor('1e99999999')", "len(abs('1E999999999'))", "abs('1e9999999') % 7",
                "round('1e-9999999', 2)")) {
            long start = System.nanoTime();
            CompiledExpression compiled = SANDBOX.compile(huge, TYPE);
            ExpressionException e = assertThrows(ExpressionException.class,
                    () -> SANDBOX.run(compiled, new ExpressionContext(values(), Instant.now())), huge);
            assertEquals("expression.numberTooLarge", e.code(), huge);
            assertTrue(System.nanoTime() - start < Duration.ofMillis(500).toNanos(), huge);
        }
        Map<String, Object> big = values();
        big.put("amount", new BigDecimal("1e99999999"));
        assertEquals("expression.numberTooLarge", assertThrows(ExpressionException.class,
                () -> SANDBOX.run(SANDBOX.compile("amount % 7", TYPE), new ExpressionContext(big, Instant.now()))).code());
    }

    @Test
    void commentsDoNotConfuseTheLexicalPass() {
        // an apostrophe in a comment once flipped the pass's idea of where texts are
        assertEquals(Boolean.TRUE, SANDBOX.run(SANDBOX.compile("/* don't */ startsWith('138000', '138')", TYPE),
                new ExpressionContext(values(), Instant.now())).value());
        assertEquals("(contains(x)", SANDBOX.run(SANDBOX.compile("/* ' */ '(contains(x)' /* ' */", TYPE),
                new ExpressionContext(values(), Instant.now())).value());
    }

    @Test
    void refusalsNameTheConstructAndItsPosition() {
        assertRefused("amount + new java.io.File('/')", "expression.refused.new", 13);
        assertRefused("name.getClass()", "expression.methodCall", 5);
        assertRefused("amount > 1 && isEmpty(name.getClass())", "expression.methodCall", 27);
        assertRefused("1 + Runtime.getRuntime()", "expression.methodCall", 12);
        assertRefused("amount + nope", "expression.unknownName", 9);
        assertRefused("amount + (1 + nope)", "expression.unknownName", 14);
        assertRefused("round(amount, nope)", "expression.unknownName", 14);
        assertRefused("upper(round(amount, 2), nope)", "expression.arity", 0);
        assertRefused("amount ** 2", "expression.refused.operator", 7);
        assertRefused("foo(1)", "expression.unknownFunction", 0);
        assertRefused("while (true) {}", "expression.refused.loop", 0);
        assertRefused("amount = 1", "expression.refused.assignment", 0);
        assertRefused("amount > (1", "expression.syntax", -2);
        assertRefused("import java.util.*; 1", "expression.refused.import", 7);
    }

    private static void assertRefused(String source, String code, int position) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> SANDBOX.compile(source, TYPE), source);
        assertEquals(code, e.code(), source);
        if (position >= 0) {
            assertEquals(position, e.position(), source + " " + e.getMessage());
        }
    }

    @Test
    void hugeValuesAreStoppedByTheReadBudget() {
        // a generous clock, so that it is the read budget that stops these
        ExpressionSandbox sandbox = new ExpressionSandbox(FunctionLibrary.builtin(),
                new SandboxLimits(Duration.ofSeconds(30), 4_000, 32, 2_000_000), 100);
        String big = "x".repeat(300_000);
        ExpressionContextType type = new ExpressionContextType(Map.of("s", String.class), Set.of());
        CompiledExpression concat = sandbox.compile("concat(s, s, s, s, s, s, s, s, s, s)", type);
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> sandbox.run(concat, new ExpressionContext(Map.of("s", big), Instant.now())));
        assertEquals("expression.tooLarge", e.code());
        CompiledExpression plus = sandbox.compile("s + s + s + s + s + s + s + s", type);
        assertEquals("expression.tooLarge", assertThrows(ExpressionException.class,
                () -> sandbox.run(plus, new ExpressionContext(Map.of("s", big), Instant.now()))).code());
    }

    @Test
    void longRunningEvaluationIsStoppedByTheTimeBudget() {
        ExpressionSandbox tight = new ExpressionSandbox(FunctionLibrary.builtin(),
                new SandboxLimits(Duration.ofMillis(1), 4_000, 32, 50_000_000), 100);
        List<Object> rows = Collections.nCopies(5_000_000, new BigDecimal("1.5"));
        CompiledExpression sums = tight.compile("sum(l) + sum(l) + sum(l) + sum(l) + sum(l) + sum(l)",
                new ExpressionContextType(Map.of("l", List.class), Set.of()));
        long start = System.nanoTime();
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> tight.run(sums, new ExpressionContext(Map.of("l", rows), Instant.now())));
        assertEquals("expression.timeout", e.code());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "stopped soon after its budget");
    }

    @Test
    void deepNestingAndLongSourcesAreRefused() {
        String deep = "(".repeat(200) + "amount" + ")".repeat(200);
        assertEquals("expression.tooDeep", assertThrows(ExpressionException.class, () -> SANDBOX.compile(deep, TYPE)).code());
        String calls = "abs(".repeat(60) + "1" + ")".repeat(60);
        assertEquals("expression.tooDeep", assertThrows(ExpressionException.class, () -> SANDBOX.compile(calls, TYPE)).code());
        String longSource = "1 + ".repeat(1_200) + "1";
        assertEquals("expression.tooLong", assertThrows(ExpressionException.class, () -> SANDBOX.compile(longSource, TYPE)).code());
    }

    @Test
    void arithmeticFailuresAreReported() {
        CompiledExpression division = SANDBOX.compile("amount / 0", TYPE);
        assertEquals("expression.arithmetic", assertThrows(ExpressionException.class,
                () -> SANDBOX.run(division, new ExpressionContext(values(), Instant.now()))).code());
        for (String wrong : List.of("name * 2", "2 - name", "rec + 1", "amount > rec")) {
            CompiledExpression wrongType = SANDBOX.compile(wrong, TYPE);
            assertEquals("expression.wrongType", assertThrows(ExpressionException.class,
                    () -> SANDBOX.run(wrongType, new ExpressionContext(values(), Instant.now())), wrong).code(), wrong);
        }
        // a text compared with a number: MVEL itself refuses the pair
        CompiledExpression mixed = SANDBOX.compile("name > amount", TYPE);
        assertEquals("expression.evaluation", assertThrows(ExpressionException.class,
                () -> SANDBOX.run(mixed, new ExpressionContext(values(), Instant.now()))).code());
        Map<String, Object> empty = values();
        empty.put("amount", null);
        CompiledExpression plusEmpty = SANDBOX.compile("amount + 1", TYPE);
        assertEquals("expression.nullOperand", assertThrows(ExpressionException.class,
                () -> SANDBOX.run(plusEmpty, new ExpressionContext(empty, Instant.now()))).code());
        assertEquals(Boolean.FALSE, SANDBOX.run(SANDBOX.compile("amount > 1", TYPE), new ExpressionContext(empty, Instant.now())).value());
        CompiledExpression notARecord = SANDBOX.compile("rec.x.y", TYPE);
        assertEquals("expression.notARecord", assertThrows(ExpressionException.class,
                () -> SANDBOX.run(notARecord, new ExpressionContext(values(), Instant.now()))).code());
    }

    @Test
    void aFunctionGivenTheWrongTypeFailsWithoutFallingBackToMvel() {
        CompiledExpression call = SANDBOX.compile("daysSince(rec)", TYPE);
        for (int i = 0; i < 3; i++) {
            // MVEL drops an accessor that throws ClassCastException and re-resolves the name itself
            ExpressionException e = assertThrows(ExpressionException.class,
                    () -> SANDBOX.run(call, new ExpressionContext(values(), Instant.now())));
            assertEquals("expression.argumentType", e.code());
        }
    }

    @AfterAll
    static void theJvmIsUnharmed() {
        assertFalse(Files.exists(PWNED), "no file was written");
        assertTrue(Thread.activeCount() <= threadsBefore + 2, "no thread was started");
        CompiledExpression still = SANDBOX.compile("amount * 2", TYPE);
        assertEquals(new BigDecimal("25.00"), SANDBOX.run(still, new ExpressionContext(values(), Instant.now())).value());
        if (System.getProperty("user.home") == null) {
            fail("system properties intact");
        }
    }
}
