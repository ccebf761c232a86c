package io.qiaoban.flow.runtime;

import static io.qiaoban.core.testing.Delivery.count;
import static io.qiaoban.flow.testing.FlowApp.edge;
import static io.qiaoban.flow.testing.FlowApp.graph;
import static io.qiaoban.flow.testing.FlowApp.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.job.JobWorker;
import io.qiaoban.core.job.JobWorkers;
import io.qiaoban.core.time.MovableClock;
import io.qiaoban.flow.definition.FlowRepository;
import io.qiaoban.flow.testing.FlowApp;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two job worker pools on one database, as two application nodes would run: a thousand journeys with
 * a message, a timer and another message progress exactly once whichever pool claims their steps.
 */
@QuarkusTest
class TwoNodesTest {
    static final int JOURNEYS = 1000;

    @Test
    void instancesAndTimersProgressExactlyOnceAcrossTwoNodes() throws Exception {
        FlowApp app = new FlowApp("双节点");
        String flowId = app.flow("journey", "双节点旅程", graph(List.of(
                        node("start", "trigger", "开始", Map.of("on", "manual")),
                        node("hello", "action", "问候", Map.of("action", "message.send", "template", "hello", "to", "=instance.id",
                                "marketing", false)),
                        node("minute", "wait", "等一分钟", Map.of("duration", "PT1M")),
                        node("bye", "action", "再见", Map.of("action", "message.send", "template", "bye", "to", "=instance.id",
                                "marketing", false)),
                        node("end", "end", "结束", Map.of())),
                List.of(edge("start", "hello", null), edge("hello", "minute", null), edge("minute", "bye", null),
                        edge("bye", "end", null))));
        FlowEngine engine = Arc.container().instance(FlowEngine.class).get();
        FlowRepository flows = Arc.container().instance(FlowRepository.class).get();
        FlowRepository.Published flow = QuarkusTransaction.requiringNew().call(() ->
                flows.published(app.workspace, UUID.fromString(app.app), UUID.fromString(flowId)).orElseThrow());
        for (int i = 0; i < JOURNEYS; i += 100) {
            int from = i;
            QuarkusTransaction.requiringNew().run(() -> {
                for (int j = from; j < from + 100; j++) {
                    try {
                        engine.start(new FlowEngine.Start(flow, "manual:two-nodes-" + j, null, null, null, null, 0));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }

        JobWorkers workers = Arc.container().instance(JobWorkers.class).get();
        JobWorker.Settings settings = new JobWorker.Settings(2, 20, Duration.ofSeconds(30), Duration.ofMillis(50),
                workers.settings().backoff());
        JobWorker nodeA = workers.newWorker("node-a", settings);
        JobWorker nodeB = workers.newWorker("node-b", settings);
        nodeA.start();
        nodeB.start();
        try {
            awaitNoStepJobsDue(app.workspace);
            assertEquals(JOURNEYS, count("select count(*) from flow_step s join flow_instance i on i.id = s.instance_id "
                    + "where i.workspace_id = ? and s.node_id = 'minute' and s.state = 'waiting'", app.workspace));
            ((MovableClock) Arc.container().instance(Clock.class).get()).advance(Duration.ofMinutes(1));
            awaitNoStepJobsDue(app.workspace);
        } finally {
            nodeA.stop();
            nodeB.stop();
        }
        assertEquals(JOURNEYS, count("select count(*) from flow_instance where workspace_id = ? and state = 'completed'",
                app.workspace));
        assertEquals(2L * JOURNEYS, count("select count(*) from flow_message where workspace_id = ?", app.workspace));
        // every node of every instance was acted on once: 5 steps each, none twice
        assertEquals(5L * JOURNEYS, count("select count(*) from flow_step s join flow_instance i on i.id = s.instance_id "
                + "where i.workspace_id = ? and s.state = 'done'", app.workspace));
        assertEquals(0, count("select count(*) from (select s.instance_id, s.node_id from flow_step s join flow_instance i "
                + "on i.id = s.instance_id where i.workspace_id = ? group by 1, 2 having count(*) > 1) twice", app.workspace));
        assertEquals(0, count("select count(*) from job where workspace_id = ?", app.workspace));
        assertTrue(nodeA.executed() > 0 && nodeB.executed() > 0,
                "both nodes worked: " + nodeA.executed() + " and " + nodeB.executed());

        // the outbox is off in these tests: its 4,000 events would otherwise wait for the next application
        // started on this database (the browser journeys share it in CI)
        QuarkusTransaction.requiringNew().run(() -> Arc.container().instance(jakarta.persistence.EntityManager.class).get()
                .createNativeQuery("delete from outbox where workspace_id = ?").setParameter(1, app.workspace).executeUpdate());
    }

    private static void awaitNoStepJobsDue(UUID workspace) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Clock clock = Arc.container().instance(Clock.class).get();
        while (System.nanoTime() < deadline) {
            long due = QuarkusTransaction.requiringNew().call(() -> ((Number) Arc.container()
                    .instance(jakarta.persistence.EntityManager.class).get()
                    .createNativeQuery("select count(*) from job where workspace_id = ? and (run_at <= ? or state = 'RUNNING')")
                    .setParameter(1, workspace).setParameter(2, java.sql.Timestamp.from(clock.instant())).getSingleResult())
                    .longValue());
            if (due == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the steps were not all run within 3 minutes");
    }
}
