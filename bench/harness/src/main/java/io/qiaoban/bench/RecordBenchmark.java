package io.qiaoban.bench;

import io.agroal.api.AgroalDataSource;
import io.qiaoban.form.form.FieldIndexes;
import io.qiaoban.form.schema.Storage;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Records over real HTTP on loopback, beside a plain JDBC endpoint on a typed table in the same run:
 * <ul>
 *   <li>create: POST with validation, a formula field, history and the outbox event, from C concurrent
 *       clients; reference: the same HTTP stack inserting one row into a typed table;</li>
 *   <li>page: a filtered and sorted page of 50 from a form of N records on an indexed field
 *       ("spend > x", highest first); reference: the same query on the typed, indexed table.</li>
 * </ul>
 * The two sides alternate so that neither gets a warmer cache.
 */
@ApplicationScoped
public class RecordBenchmark {
    private final AgroalDataSource db;
    private final BenchApi api;
    private final FieldIndexes indexes;
    private final HttpClient http;

    RecordBenchmark(AgroalDataSource db, BenchApi api, FieldIndexes indexes) {
        this.db = db;
        this.api = api;
        this.indexes = indexes;
        this.http = api.http();
    }

    /** Requests of one side: how many, how long, latency percentiles, failures. */
    public record Run(String what, int requests, double seconds, double p50ms, double p95ms, double p99ms, int failures) {
        double perSecond() {
            return requests / seconds;
        }

        String line() {
            return String.format("  %-34s %,8d req  %8.0f req/s  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  failures %d",
                    what, requests, perSecond(), p50ms, p95ms, p99ms, failures);
        }
    }

    public record Result(int concurrency, int pageRecords, Run createReference, Run create, Run pageReference, Run page,
            Run memberPage) {
        public String report() {
            return String.format("""
                    records over HTTP (loopback), %d concurrent clients
                    create (validation, formula, history, outbox) vs plain JDBC insert on a typed table:
                    %s
                    %s
                      ratio records/reference: %.2fx throughput
                    filtered + sorted page of 50 from %,d records (spend > x, highest first, indexed):
                    %s
                    %s
                      ratio records/reference: %.2fx p95 latency
                    the same page for a member whose row filter is "owner = me" (half of the records):
                    %s
                      ratio member/admin: %.2fx p95 latency""",
                    concurrency, createReference.line(), create.line(), create.perSecond() / createReference.perSecond(),
                    pageRecords, pageReference.line(), page.line(), page.p95ms / pageReference.p95ms, memberPage.line(),
                    memberPage.p95ms / page.p95ms);
        }
    }

    public Result run(int creates, int concurrency, int pageRecords, int pageQueries) throws Exception {
        String base = api.base();
        String cookie = api.login();
        String forms = api.formsOfNewApp(cookie);
        String orders = form(forms, cookie, "bench_order");
        String pageForm = form(forms, cookie, "bench_page");
        for (String form : List.of(orders, pageForm)) {
            indexes.build(UUID.fromString(form), "city", Storage.TEXT, true);
            indexes.build(UUID.fromString(form), "spend", Storage.NUMBER, true);
        }
        api.sql("drop table if exists bench_typed_record",
                """
                create table bench_typed_record (id uuid primary key, name text not null, city text, qty int, price numeric,
                    total numeric, spend numeric, created_by uuid, created_at timestamptz not null)""",
                "create index bench_typed_record_spend on bench_typed_record (spend, id)",
                "create index bench_typed_record_city on bench_typed_record (city, id)");

        IntFunction<String> body = i -> "{\"name\":\"客户" + i + "\",\"city\":\"" + (i % 2 == 0 ? "杭州" : "上海")
                + "\",\"qty\":" + (1 + i % 9) + ",\"price\":" + (10 + i % 90) + ".50,\"spend\":" + (i % 10_000) + ".25}";
        String typedUrl = base + "/bench/typed-records";
        String recordsUrl = forms + "/" + orders + "/records";
        int warmUp = Math.max(50, Math.min(creates / 5, 2_000));
        load("warm-up", typedUrl, cookie, warmUp, concurrency, body);
        load("warm-up", recordsUrl, cookie, warmUp, concurrency, body);
        List<Run> reference = new ArrayList<>();
        List<Run> records = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            reference.add(load("plain JDBC insert (typed table)", typedUrl, cookie, creates / 2, concurrency, body));
            records.add(load("record create (REST)", recordsUrl, cookie, creates / 2, concurrency, body));
        }

        String workspace = forms.replaceAll(".*/workspaces/([^/]+)/.*", "$1");
        BenchApi.Member member = api.member(cookie, workspace);
        api.put(forms + "/" + pageForm + "/permissions/" + member.roleId(), cookie,
                Map.of("rowFilter", Map.of("field", "owner", "op", "eq", "value", "$me")));
        bulkLoad(UUID.fromString(workspace), UUID.fromString(pageForm), pageRecords, member.userId());
        String pageUrl = forms + "/" + pageForm + "/records?limit=50&sort=-spend&filter=";
        List<Double> pageRef = new ArrayList<>();
        List<Double> pageRec = new ArrayList<>();
        List<Double> pageMember = new ArrayList<>();
        int pageFailures = 0;
        // both sides warm up as long: the records path has more code for the JIT to compile than one query
        int pageWarmUp = 200;
        for (int i = 0; i < pageQueries + pageWarmUp; i++) {
            // thresholds in the top fifth: an index range scan, as a "big spenders" view would do
            String min = String.valueOf(80_000 + ThreadLocalRandom.current().nextInt(20_000));
            String filter = URLEncoder.encode("{\"field\":\"spend\",\"op\":\"gt\",\"value\":" + min + "}", StandardCharsets.UTF_8);
            // the three requests in a random order each time: whichever comes first after a pause, or right after
            // another kind of request, would otherwise always be the same one
            double ref = 0;
            double rec = 0;
            double mine = 0;
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
            Collections.shuffle(order, ThreadLocalRandom.current());
            for (int which : order) {
                switch (which) {
                    case 0 -> ref = timedGet(typedUrl + "?minSpend=" + min, cookie);
                    case 1 -> rec = timedGet(pageUrl + filter, cookie);
                    default -> mine = timedGet(pageUrl + filter, member.cookie());
                }
            }
            if (ref < 0 || rec < 0 || mine < 0) {
                pageFailures++;
            }
            if (i >= pageWarmUp) {
                pageRef.add(ref);
                pageRec.add(rec);
                pageMember.add(mine);
            }
        }
        return new Result(concurrency, pageRecords, merge(reference), merge(records),
                latencyRun("typed table, same query", pageRef, 0), latencyRun("records page (REST)", pageRec, pageFailures),
                latencyRun("records page, member (REST)", pageMember, 0));
    }

    private String form(String forms, String cookie, String key) throws Exception {
        return api.publish(forms, cookie, key, List.of(
                Map.of("key", "name", "label", "名称", "type", "text", "required", true),
                Map.of("key", "city", "label", "城市", "type", "text", "indexed", true),
                Map.of("key", "qty", "label", "数量", "type", "number", "options", Map.of("decimals", 0)),
                Map.of("key", "price", "label", "单价", "type", "money"),
                Map.of("key", "total", "label", "金额", "type", "formula",
                        "options", Map.of("expression", "price * qty", "resultType", "money")),
                Map.of("key", "spend", "label", "累计消费", "type", "money", "indexed", true),
                Map.of("key", "owner", "label", "负责人", "type", "member")));
    }

    /** The same rows into the typed table and, as JSONB, into the form: identical data on both sides. */
    private void bulkLoad(UUID workspace, UUID form, int rows, UUID owner) throws Exception {
        api.sql("truncate bench_typed_record");
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into bench_typed_record (id, name, city, qty, price, total, spend, created_at)
                    select gen_random_uuid(), 'bulk' || g, (array['杭州','上海','北京','深圳'])[1 + g % 4], 1 + g % 9,
                           10 + (g % 90) + 0.50, (1 + g % 9) * (10 + (g % 90) + 0.50), round((random() * 100000)::numeric, 2),
                           now() - (g || ' seconds')::interval
                      from generate_series(1, ?) g""")) {
                ps.setInt(1, rows);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into record (id, workspace_id, form_id, form_version, data, version, created_at, updated_at)
                    select id, ?, ?, 1, jsonb_build_object('name', name, 'city', city, 'qty', qty, 'price', price,
                           'total', total, 'spend', spend)
                           || case when qty % 2 = 0 then jsonb_build_object('owner', ?::text) else '{}'::jsonb end,
                           1, created_at, created_at
                      from bench_typed_record""")) {
                ps.setObject(1, workspace);
                ps.setObject(2, form);
                ps.setString(3, owner.toString());
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                // vacuumed as autovacuum would leave them: otherwise it starts on the fresh million rows in
                // the middle of the measurement, and the first reads of each page write its hint bits
                s.execute("vacuum analyze bench_typed_record");
                s.execute("vacuum analyze record");
            }
        }
    }

    private Run load(String what, String url, String cookie, int requests, int concurrency, IntFunction<String> body)
            throws Exception {
        double[] latencies = new double[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.apply(i)))
                                .build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() != 201) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        latencies[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Run(what, requests, seconds, pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), failures.get());
    }

    private double timedGet(String url, String cookie) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        double ms = (System.nanoTime() - t0) / 1e6;
        return r.statusCode() == 200 ? ms : -1;
    }

    private static Run merge(List<Run> runs) {
        int requests = runs.stream().mapToInt(Run::requests).sum();
        double seconds = runs.stream().mapToDouble(Run::seconds).sum();
        return new Run(runs.get(0).what(), requests, seconds, runs.stream().mapToDouble(Run::p50ms).average().orElse(0),
                runs.stream().mapToDouble(Run::p95ms).max().orElse(0), runs.stream().mapToDouble(Run::p99ms).max().orElse(0),
                runs.stream().mapToInt(Run::failures).sum());
    }

    private static Run latencyRun(String what, List<Double> ms, int failures) {
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double total = ms.stream().mapToDouble(Double::doubleValue).sum() / 1000;
        return new Run(what, sorted.length, total, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), failures);
    }

    private static double pct(double[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
