package io.qiaoban.core.job;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.qiaoban.core.testing.Session;
import io.qiaoban.core.testing.TestUsers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JobQueueTest {
    @Inject
    JobQueue queue;
    @Inject
    JobStore store;
    @Inject
    JobWorkers workers;
    @Inject
    EntityManager em;

    @BeforeEach
    void clean() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("create table if not exists test_job_run (run text, n int)").executeUpdate();
            em.createNativeQuery("alter table test_job_run add column if not exists tx bigint").executeUpdate();
            em.createNativeQuery("delete from job where type like 'test.%'").executeUpdate();
        });
    }

    @Test
    void tenThousandJobsOnTwoIndependentWorkersRunExactlyOnceEach() throws Exception {
        String run = UUID.randomUUID().toString();
        int total = 10_000;
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < total; i++) {
                queue.enqueue(NewJob.of("test.count", JsonNodeFactory.instance.objectNode().put("run", run).put("n", i)));
            }
        });
        JobWorker.Settings settings = new JobWorker.Settings(3, 50, Duration.ofMinutes(1), Duration.ofMillis(50),
                workers.settings().backoff());
        JobWorker first = workers.newWorker("node-a", settings);
        JobWorker second = workers.newWorker("node-b", settings);
        first.start();
        second.start();
        try {
            Instant deadline = Instant.now().plusSeconds(120);
            while (count("select count(*) from job where type = 'test.count'") > 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        } finally {
            first.stop();
            second.stop();
        }
        assertEquals(total, count("select count(*) from test_job_run where run = '" + run + "'"));
        assertEquals(total, count("select count(distinct n) from test_job_run where run = '" + run + "'"));
        assertEquals(total, first.executed() + second.executed());
        assertTrue(first.executed() > 0 && second.executed() > 0,
                "both workers took part: " + first.executed() + " / " + second.executed());
    }

    @Test
    void batchableJobsCommitTogetherAndAFailingOneRunsAloneWithoutTheOthersRunningTwice() {
        String together = UUID.randomUUID().toString();
        String mixed = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 10; i++) {
                queue.enqueue(NewJob.of("test.batch", JsonNodeFactory.instance.objectNode().put("run", together).put("n", i)));
            }
        });
        JobWorker worker = workers.newWorker("batch-test", workers.settings(), java.util.Set.of("test.batch"));
        assertEquals(10, worker.runOnce("batch-test-0"));
        assertEquals(10, count("select count(*) from test_job_run where run = '" + together + "'"));
        assertEquals(1, count("select count(distinct tx) from test_job_run where run = '" + together + "'"), "one commit for the batch");

        long failing = QuarkusTransaction.requiringNew().call(() -> {
            for (int i = 0; i < 5; i++) {
                queue.enqueue(NewJob.of("test.batch", JsonNodeFactory.instance.objectNode().put("run", mixed).put("n", i)));
            }
            return queue.enqueue(NewJob.of("test.batch", JsonNodeFactory.instance.objectNode().put("run", mixed).put("fail", true)));
        });
        assertEquals(6, worker.runOnce("batch-test-0"));
        // the batch was undone and each job ran alone: the five ran once each, the failing one waits for its retry
        assertEquals(5, count("select count(*) from test_job_run where run = '" + mixed + "'"));
        assertEquals(5, count("select count(distinct tx) from test_job_run where run = '" + mixed + "'"));
        assertEquals("READY", state(failing));
        assertEquals(1, ((Number) single("select attempts from job where id = " + failing)).intValue());
        assertEquals(1, count("select count(*) from job where type = 'test.batch'"));
    }

    @Test
    void aJobEnqueuedInARolledBackTransactionNeverExists() {
        String key = "rollback-" + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            queue.enqueue(NewJob.of("test.count").dedupe(key));
            throw new IllegalStateException("caller fails");
        }));
        assertEquals(0, count("select count(*) from job where dedupe_key = '" + key + "'"));
    }

    @Test
    void aDedupeKeyEnqueuesOnce() {
        String key = "once-" + UUID.randomUUID();
        long first = QuarkusTransaction.requiringNew().call(() -> queue.enqueue(NewJob.of("test.count").dedupe(key)));
        long second = QuarkusTransaction.requiringNew().call(() -> queue.enqueue(NewJob.of("test.count").dedupe(key)));
        assertTrue(first > 0);
        assertEquals(-1, second);
    }

    @Test
    void failuresBackOffThenGoToTheDeadLettersWhereAnAdminRetriesOrDiscardsThem() {
        long id = QuarkusTransaction.requiringNew().call(() -> queue.enqueue(NewJob.of("test.fail").attempts(3)));
        JobWorker worker = workers.newWorker("fail-test", workers.settings());
        Instant before = Instant.now();
        assertEquals(1, worker.runOnce("fail-test-0"));
        // the retry waits its backoff (~5 s by default): not due yet
        assertEquals("READY", state(id));
        Instant retryAt = (Instant) single("select run_at from job where id = " + id);
        assertTrue(retryAt.isAfter(before.plusSeconds(3)), "backoff applied: " + retryAt);
        assertEquals(0, worker.runOnce("fail-test-0"));
        // time passes: the two remaining attempts fail too
        for (int attempt = 2; attempt <= 3; attempt++) {
            makeDue(id);
            assertEquals(1, worker.runOnce("fail-test-0"));
        }
        assertEquals("DEAD", state(id));
        assertTrue(String.valueOf(single("select last_error from job where id = " + id)).contains("ERP unreachable (attempt 3)"));

        Session admin = TestUsers.platformAdmin();
        admin.api().get("/api/v1/admin/jobs?state=DEAD&size=200").then().statusCode(200)
                .body("items.id", hasItem((int) id));
        admin.api().get("/api/v1/admin/jobs/stats").then().statusCode(200);
        admin.api().post("/api/v1/admin/jobs/" + id + "/retry").then().statusCode(204);
        assertEquals("READY", state(id));
        assertEquals(0, ((Number) single("select attempts from job where id = " + id)).intValue());
        admin.api().post("/api/v1/admin/jobs/" + id + "/retry").then().statusCode(404);
        for (int attempt = 1; attempt <= 3; attempt++) {
            makeDue(id);
            worker.runOnce("fail-test-0");
        }
        admin.api().delete("/api/v1/admin/jobs/" + id).then().statusCode(204);
        assertEquals(0, count("select count(*) from job where id = " + id));
        admin.api().get("/api/v1/admin/audit?type=job.discarded").then().body("items[0].detail.job", equalTo((int) id));
    }

    @Test
    void theAdminQueueIsInvisibleToOthers() {
        Session admin = TestUsers.platformAdmin();
        UUID ws = admin.createWorkspace("ws " + UUID.randomUUID());
        Session owner = admin.addMember(ws, "owner");
        owner.api().get("/api/v1/admin/jobs").then().statusCode(404).contentType(startsWith("application/problem+json"));
        owner.api().post("/api/v1/admin/jobs/1/retry").then().statusCode(404);
        owner.api().get("/api/v1/admin/audit").then().statusCode(404);
    }

    @Test
    void aJobWhoseWorkerDiedIsPickedUpAgainAfterItsLease() {
        String run = UUID.randomUUID().toString();
        long id = QuarkusTransaction.requiringNew().call(() -> queue.enqueue(
                NewJob.of("test.count", JsonNodeFactory.instance.objectNode().put("run", run).put("n", 1))));
        // a worker claims it and dies: its lease (already over here) is all that is left of it (only this
        // test's type: jobs the application enqueues meanwhile are not this test's)
        var claimed = QuarkusTransaction.requiringNew().call(() -> store.claim("dead-node-0", 500, Instant.now(),
                Duration.ofSeconds(-1), java.util.Set.of("test.count")));
        assertTrue(claimed.stream().anyMatch(j -> j.id() == id));
        JobWorker survivor = workers.newWorker("survivor", workers.settings(), java.util.Set.of("test.count"));
        survivor.runOnce("survivor-0");
        assertEquals("RUNNING", state(id), "still leased until the watcher releases it");
        assertTrue(workers.releaseExpiredLeases() >= 1);
        assertEquals(1, survivor.runOnce("survivor-0"));
        assertEquals(1, count("select count(*) from test_job_run where run = '" + run + "'"));
        // the dead worker wakes up and tries to finish: its lease is gone, nothing happens twice
        assertTrue(!store.complete(id, "dead-node-0"));
    }

    private void makeDue(long id) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update job set run_at = now() - interval '1 second' where id = " + id).executeUpdate());
    }

    private String state(long id) {
        return (String) single("select state from job where id = " + id);
    }

    private Object single(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql).getSingleResult());
    }

    private long count(String sql) {
        return ((Number) single(sql)).longValue();
    }
}
