package io.qiaoban.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.job.JobWorker;
import io.qiaoban.core.job.JobWorkers;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Import of N CSV rows of 10 fields into a form (uploaded over HTTP, then the import job: every cell
 * read by its field type, every row validated, COPY batches with history and unique values, the
 * form's expression indexes maintained), beside PostgreSQL's COPY of the same file into a typed
 * table with the same two indexes, in the same run.
 */
@ApplicationScoped
public class ImportBenchmark {
    private static final String[] CITIES = {"杭州", "上海", "北京", "深圳"};
    private static final String[] LEVELS = {"普通", "金卡", "钻石"};

    private final BenchApi api;
    private final AgroalDataSource db;
    private final JobWorkers workers;

    ImportBenchmark(BenchApi api, AgroalDataSource db, JobWorkers workers) {
        this.api = api;
        this.db = db;
        this.workers = workers;
    }

    public record Result(int rows, long fileBytes, double copySeconds, double uploadSeconds, double importSeconds,
            int imported, int errors, String state) {
        public String report() {
            return String.format("""
                    import of %,d CSV rows (10 fields, %.1f MB)
                      COPY into a typed table (2 indexes)      %8.2f s  %,10.0f rows/s
                      upload (HTTP multipart, stored)          %8.2f s
                      import job (validate, COPY, indexes)     %8.2f s  %,10.0f rows/s   %s: %,d imported, %,d errors
                      ratio import/COPY: %.2fx time (upload + import: %.2fx)""",
                    rows, fileBytes / 1e6, copySeconds, rows / copySeconds, uploadSeconds, importSeconds, rows / importSeconds,
                    state, imported, errors, importSeconds / copySeconds, (uploadSeconds + importSeconds) / copySeconds);
        }
    }

    public Result run(int rows) throws Exception {
        Path csv = Files.createTempFile("qiaoban-bench-import-", ".csv");
        try {
            write(csv, rows);
            String cookie = api.login();
            String forms = api.formsOfNewApp(cookie);
            String form = api.publish(forms, cookie, "bench_import", List.of(
                    Map.of("key", "name", "label", "姓名", "type", "text", "required", true),
                    Map.of("key", "city", "label", "城市", "type", "text", "indexed", true),
                    Map.of("key", "qty", "label", "数量", "type", "number", "options", Map.of("decimals", 0)),
                    Map.of("key", "price", "label", "单价", "type", "money"),
                    Map.of("key", "spend", "label", "累计消费", "type", "money", "indexed", true),
                    Map.of("key", "since", "label", "首次购买", "type", "date"),
                    Map.of("key", "level", "label", "等级", "type", "select", "options", Map.of("choices", List.of(
                            Map.of("value", "normal", "label", "普通"), Map.of("value", "gold", "label", "金卡"),
                            Map.of("value", "diamond", "label", "钻石")))),
                    Map.of("key", "mobile", "label", "手机", "type", "phone"),
                    Map.of("key", "email", "label", "邮箱", "type", "email"),
                    Map.of("key", "vip", "label", "会员", "type", "boolean")));
            // the form's expression indexes are built by jobs: run them before timing anything
            drain();

            double copySeconds = copy(csv);

            long t0 = System.nanoTime();
            JsonNode uploaded = api.upload(forms + "/" + form + "/imports", cookie, csv);
            double uploadSeconds = (System.nanoTime() - t0) / 1e9;
            List<Map<String, Object>> mapping = new ArrayList<>();
            String[] keys = {"name", "city", "qty", "price", "spend", "since", "level", "mobile", "email", "vip"};
            for (int i = 0; i < keys.length; i++) {
                mapping.add(Map.of("column", i, "field", keys[i]));
            }
            String imports = forms + "/" + form + "/imports/" + uploaded.path("id").asText();
            api.post(imports + "/start", cookie, Map.of("mapping", mapping));
            t0 = System.nanoTime();
            drain();
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            JsonNode done = api.get(imports, cookie);
            return new Result(rows, Files.size(csv), copySeconds, uploadSeconds, importSeconds, done.path("importedRows").asInt(),
                    done.path("errorRows").asInt(), done.path("state").asText());
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** The reference: the same file into a typed table with the same two indexes, by COPY. */
    private double copy(Path csv) throws Exception {
        api.sql("drop table if exists bench_typed_import", """
                create table bench_typed_import (id uuid primary key default gen_random_uuid(), name text not null, city text,
                    qty int, price numeric, spend numeric, since date, level text, mobile text, email text, vip boolean)""",
                "create index bench_typed_import_city on bench_typed_import (city)",
                "create index bench_typed_import_spend on bench_typed_import (spend)");
        long t0 = System.nanoTime();
        try (Connection c = db.getConnection(); Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            c.setAutoCommit(true);
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    copy bench_typed_import (name, city, qty, price, spend, since, level, mobile, email, vip)
                    from stdin with (format csv, header true)""", in);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private void drain() {
        JobWorker worker = workers.newWorker("bench-import", workers.settings());
        while (worker.runOnce("bench-import-0") > 0) {
            // until the queue has nothing due
        }
    }

    private static void write(Path csv, int rows) throws Exception {
        LocalDate first = LocalDate.of(2020, 1, 1);
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("姓名,城市,数量,单价,累计消费,首次购买,等级,手机,邮箱,会员\n");
            for (int i = 0; i < rows; i++) {
                out.write("客户" + i + ',' + CITIES[i % 4] + ',' + (1 + i % 9) + ',' + (10 + i % 90) + ".50," + (i % 100_000) + ".25,"
                        + first.plusDays(i % 1500) + ',' + LEVELS[i % 3] + ",138" + String.format("%08d", i % 100_000_000) + ",c" + i
                        + "@example.com," + (i % 2 == 0 ? "true" : "false") + '\n');
            }
        }
    }
}
