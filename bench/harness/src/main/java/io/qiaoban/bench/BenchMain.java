package io.qiaoban.bench;

import io.qiaoban.core.db.EmbeddedPostgres;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Runs one benchmark and prints its figures beside the reference measured in the same run:
 * <pre>
 *   java -jar bench/harness/target/quarkus-app/quarkus-run.jar jobs 100000
 *   java -jar bench/harness/target/quarkus-app/quarkus-run.jar startup 5
 *   java -jar bench/harness/target/quarkus-app/quarkus-run.jar records 20000 16 1000000 200
 *   java -jar bench/harness/target/quarkus-app/quarkus-run.jar import 1000000
 *   java -jar bench/harness/target/quarkus-app/quarkus-run.jar approvals 2000 4
 *   java -jar bench/harness/target/quarkus-app/quarkus-run.jar timers 100000
 * </pre>
 * Uses QIAOBAN_DB_URL when set, otherwise an embedded PostgreSQL under bench/harness/target.
 */
@QuarkusMain
public class BenchMain implements QuarkusApplication {
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

    public static void main(String... args) {
        EmbeddedPostgres.startForApplicationIfUnconfigured(Path.of("bench", "harness", "target", "bench-postgres"), "qiaoban_bench");
        Quarkus.run(BenchMain.class, args);
    }

    @Override
    public int run(String... args) throws Exception {
        String what = args.length > 0 ? args[0] : "help";
        switch (what) {
            case "jobs" -> System.out.println(jobs.run(args.length > 1 ? Integer.parseInt(args[1]) : 100_000).report());
            case "startup" -> System.out.println(startup.run(args.length > 1 ? Integer.parseInt(args[1]) : 5).report());
            case "records" -> System.out.println(records.run(arg(args, 1, 20_000), arg(args, 2, 16), arg(args, 3, 1_000_000),
                    arg(args, 4, 200)).report());
            case "import" -> System.out.println(imports.run(arg(args, 1, 1_000_000)).report());
            case "approvals" -> System.out.println(flows.approvals(arg(args, 1, 2_000), arg(args, 2, 4)).report());
            // "timers N qiaoban" skips Flowable's side: a quick look while working on the engine
            case "timers" -> System.out.println(flows.timers(arg(args, 1, 100_000), !(args.length > 2 && "qiaoban".equals(args[2])))
                    .report());
            default -> {
                System.out.println("usage: jobs [count] | startup [runs] | records [creates] [clients] [page records] "
                        + "[page queries] | import [rows] | approvals [count] [clients] | timers [count] [qiaoban]");
                return 2;
            }
        }
        return 0;
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
