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
}
