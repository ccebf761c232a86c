package io.qiaoban.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks at a tiny size, so that `./mvnw verify` keeps them compiling and working. These
 * are not measurements: the full runs use the commands in docs/performance.md.
 */
@QuarkusTest
class BenchmarkSmokeTest {
    @Inject
    JobQueueBenchmark jobs;
    @Inject
    StartupBenchmark startup;
    @Inject
    RecordBenchmark records;
    @Inject
    ImportBenchmark imports;
    @Inject
    FlowBenchmark flows;

    @Test
    void jobQueueBenchmarkRunsEachJobExactlyOnce() throws Exception {
        JobQueueBenchmark.Result result = jobs.run(2_000);
        System.out.println(result.report());
        assertTrue(result.exactlyOnce(), result.report());
        assertTrue(result.referenceExactlyOnce(), result.report());
    }

    @Test
    void startUpBenchmarkMeasuresBothApplications() throws Exception {
        StartupBenchmark.Result result = startup.run(1);
        System.out.println(result.report());
        assertEquals(1, result.qiaoban().size());
        assertTrue(result.qiaoban().get(0).rssKb() > 10_000 && result.bare().get(0).readySeconds() > 0, result.report());
    }

    @Test
    void recordBenchmarkCreatesAndPagesOverHttp() throws Exception {
        RecordBenchmark.Result result = records.run(400, 4, 2_000, 10);
        System.out.println(result.report());
        assertEquals(0, result.create().failures(), result.report());
        assertEquals(0, result.createReference().failures(), result.report());
        assertEquals(0, result.page().failures(), result.report());
        assertEquals(400, result.create().requests());
    }

    @Test
    void importBenchmarkImportsEveryRow() throws Exception {
        ImportBenchmark.Result result = imports.run(3_000);
        System.out.println(result.report());
        assertEquals("done", result.state(), result.report());
        assertEquals(3_000, result.imported(), result.report());
        assertEquals(0, result.errors(), result.report());
    }

    @Test
    void flowBenchmarksRunOnBothEngines() throws Exception {
        FlowBenchmark.ApprovalResult approvals = flows.approvals(20, 2);
        System.out.println(approvals.report());
        assertEquals(20, approvals.qiaoban().count());
        assertEquals(20, approvals.qiaobanRest().count());
        assertEquals(20, approvals.flowable().count());
        FlowBenchmark.TimerResult timers = flows.timers(200, true);
        System.out.println(timers.report());
        assertTrue(timers.exactlyOnce(), timers.report());
        assertEquals(200, timers.flowableEnded(), timers.report());
    }
}
