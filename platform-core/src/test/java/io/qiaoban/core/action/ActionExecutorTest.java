package io.qiaoban.core.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ActionExecutorTest {
    @Inject
    ActionExecutor executor;
    @Inject
    ActionRegistry registry;
    @Inject
    ObjectMapper json;

    @Test
    void theRegistryFindsActionBeansByKey() {
        assertTrue(registry.find("test.greet").isPresent());
        assertTrue(registry.find("no.such").isEmpty());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstResultWithoutActingAgain() throws Exception {
        var config = json.readTree("{\"to\": \"13800138000\", \"text\": \"感谢您的首单\"}");
        var context = new ActionContext(null, "rule-7:event-" + UUID.randomUUID(), "rule 7");
        int before = GreetingAction.RUNS.get();
        ActionResult first = QuarkusTransaction.requiringNew().call(() -> executor.execute("test.greet", context, config));
        ActionResult again = QuarkusTransaction.requiringNew().call(() -> executor.execute("test.greet", context, config));
        assertEquals(before + 1, GreetingAction.RUNS.get());
        assertEquals(first.output(), again.output());
        assertEquals("sent to 13800138000", again.summary());
    }

    @Test
    void theSameKeyInAnotherWorkspaceIsAnotherExecution() throws Exception {
        var config = json.readTree("{\"to\": \"13800138000\", \"text\": \"hi\"}");
        String key = "client-key-" + UUID.randomUUID();
        int before = GreetingAction.RUNS.get();
        QuarkusTransaction.requiringNew().call(() -> executor.execute("test.greet",
                new ActionContext(UUID.randomUUID(), key, "api"), config));
        QuarkusTransaction.requiringNew().call(() -> executor.execute("test.greet",
                new ActionContext(UUID.randomUUID(), key, "api"), config));
        assertEquals(before + 2, GreetingAction.RUNS.get());
    }

    @Test
    void aRolledBackExecutionRunsAgainOnRetry() throws Exception {
        var config = json.readTree("{\"to\": \"13800138000\", \"text\": \"hi\"}");
        var context = new ActionContext(null, "flow-step-" + UUID.randomUUID(), "flow");
        int before = GreetingAction.RUNS.get();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().call(() -> {
            executor.execute("test.greet", context, config);
            throw new IllegalStateException("the step crashed after the action");
        }));
        QuarkusTransaction.requiringNew().call(() -> executor.execute("test.greet", context, config));
        assertEquals(before + 2, GreetingAction.RUNS.get());
    }

    @Test
    void aConfigOutsideTheSchemaIsRefusedFieldByField() throws Exception {
        var config = json.readTree("{\"to\": \"12345\", \"text\": \"\", \"cc\": \"x\"}");
        ProblemException refused = assertThrows(ProblemException.class, () -> QuarkusTransaction.requiringNew()
                .call(() -> executor.execute("test.greet", new ActionContext(null, "k-" + UUID.randomUUID(), "t"), config)));
        assertEquals(400, refused.status());
        assertTrue(refused.errors().stream().anyMatch(e -> e.field().startsWith("config")), refused.errors().toString());
        assertThrows(ProblemException.class, () -> QuarkusTransaction.requiringNew()
                .call(() -> executor.execute("no.such", new ActionContext(null, "k", "t"), config)));
    }
}
