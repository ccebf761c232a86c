package io.qiaoban.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.auth.ActingAs;
import io.qiaoban.core.auth.Caller;
import io.qiaoban.core.job.JobWorker;
import io.qiaoban.core.job.JobWorkers;
import io.qiaoban.flow.approval.ApprovalService;
import io.qiaoban.flow.approval.Inbox;
import io.qiaoban.flow.definition.FlowRepository;
import io.qiaoban.flow.runtime.FlowEngine;
import io.qiaoban.flow.runtime.InstanceService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;

/**
 * The flow engine against Flowable 7.2 (history on) on the same PostgreSQL in the same run:
 * <ul>
 * <li>approvals: start a three-step approval and approve its three steps, N times from C clients;
 * Flowable through its Java API in-process (start, task query, complete), Qiaoban through the same
 * services its REST resources call, in-process (start, inbox, decide: like for like), and through
 * its REST API over loopback HTTP (7 requests a process, sessions and JSON included). Throughput and
 * p99 of one whole approval.</li>
 * <li>timers: N instances waiting on a timer, all made due at the same moment (their due time set to
 * now in SQL), drained by 2 x 4 worker threads (Qiaoban's job queue) and by Flowable's async
 * executor with 8 threads: seconds until every instance ended, and whether each fired once.</li>
 * </ul>
 * Flowable keeps its tables in the schema "flowable" of the same database.
 */
@ApplicationScoped
public class FlowBenchmark {
    static final int WORKER_THREADS = 4;

    public record Latencies(int count, double seconds, double p50Ms, double p99Ms) {
        double perSecond() {
            return count / seconds;
        }

        static Latencies of(long[] nanos, double seconds) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latencies(sorted.length, seconds, sorted[sorted.length / 2] / 1e6,
                    sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6);
        }
    }

    public record ApprovalResult(int processes, int clients, Latencies qiaoban, Latencies qiaobanRest, Latencies flowable) {
        public String report() {
            return String.format("""
                    approvals: %,d three-step approvals started and approved, %d clients
                      qiaoban (service API, in-process) : %6.2f s  %,7.1f approvals/s  p50 %6.1f ms  p99 %6.1f ms
                      qiaoban (REST over HTTP)          : %6.2f s  %,7.1f approvals/s  p50 %6.1f ms  p99 %6.1f ms
                      flowable 7.2 (Java API, in-process): %6.2f s  %,7.1f approvals/s  p50 %6.1f ms  p99 %6.1f ms
                      ratio qiaoban/flowable throughput: %.2f in-process, %.2f over REST""",
                    processes, clients, qiaoban.seconds, qiaoban.perSecond(), qiaoban.p50Ms, qiaoban.p99Ms,
                    qiaobanRest.seconds, qiaobanRest.perSecond(), qiaobanRest.p50Ms, qiaobanRest.p99Ms,
                    flowable.seconds, flowable.perSecond(), flowable.p50Ms, flowable.p99Ms,
                    qiaoban.perSecond() / flowable.perSecond(), qiaobanRest.perSecond() / flowable.perSecond());
        }
    }

    public record TimerResult(int timers, double seconds, long ended, long firedTwice, double flowableSeconds, long flowableEnded) {
        public boolean exactlyOnce() {
            return ended == timers && firedTwice == 0;
        }

        public String report() {
            return String.format("""
                    timers: %,d waits due at the same moment, 8 worker threads each
                      qiaoban job queue      : %6.2f s  %,8.0f timers/s  ended %,d, fired twice %d -> %s
                      flowable async executor: %6.2f s  %,8.0f timers/s  ended %,d
                      ratio qiaoban/flowable throughput: %.2f""",
                    timers, seconds, timers / seconds, ended, firedTwice, exactlyOnce() ? "each exactly once" : "NOT exactly once",
                    flowableSeconds, timers / flowableSeconds, flowableEnded, flowableSeconds / seconds);
        }
    }

    private final BenchApi api;
    private final AgroalDataSource db;
    private final FlowEngine engine;
    private final FlowRepository flows;
    private final JobWorkers workers;
    private final InstanceService instances;
    private final Inbox inbox;
    private final ApprovalService approvals;

    FlowBenchmark(BenchApi api, AgroalDataSource db, FlowEngine engine, FlowRepository flows, JobWorkers workers,
            InstanceService instances, Inbox inbox, ApprovalService approvals) {
        this.instances = instances;
        this.inbox = inbox;
        this.approvals = approvals;
        this.api = api;
        this.db = db;
        this.engine = engine;
        this.flows = flows;
        this.workers = workers;
    }

    // ---------------------------------------------------------------- approvals

    public ApprovalResult approvals(int processes, int clients) throws Exception {
        // Qiaoban: each client its own admin, workspace and flow, so its inbox holds only its own tasks
        List<BenchFlow> setups = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            setups.add(threeStepApproval());
        }
        Latencies rest = drive(processes, clients, c -> runQiaobanApproval(setups.get(c)));
        Latencies inProcess = drive(processes, clients, c -> runQiaobanApprovalInProcess(setups.get(c)));
        ProcessEngine flowable = flowable(false);
        try {
            flowable.getRepositoryService().createDeployment().addString("approval.bpmn20.xml", APPROVAL_BPMN).deploy();
            Latencies reference = drive(processes, clients, c -> runFlowableApproval(flowable, "approver-" + c));
            return new ApprovalResult(processes, clients, inProcess, rest, reference);
        } finally {
            flowable.close();
        }
    }

    /** A published flow in a workspace of its own, and the admin who made it (its session and who they are). */
    record BenchFlow(String cookie, Caller admin, UUID workspace, UUID app, UUID flow, String apiBase) {
        String workspaceUrl() {
            return apiBase + "/v1/workspaces/" + workspace;
        }

        String instancesUrl() {
            return workspaceUrl() + "/apps/" + app + "/flows/" + flow + "/instances";
        }
    }

    /** Logs in a new admin, makes a workspace and an app, and publishes a flow in it (its graph may name the admin). */
    private BenchFlow publishedFlow(String kind, String name, java.util.function.Function<String, Map<String, Object>> graphFor)
            throws Exception {
        String cookie = api.login();
        JsonNode me = api.get(api.base() + "/v1/auth/me", cookie);
        Map<String, Object> graph = graphFor.apply(me.path("id").asText());
        String workspace = api.post(api.base() + "/v1/workspaces", cookie, Map.of("name", name + " " + UUID.randomUUID()))
                .path("id").asText();
        String ws = api.base() + "/v1/workspaces/" + workspace;
        String app = api.post(ws + "/apps", cookie, Map.of("name", "bench")).path("id").asText();
        String flowsUrl = ws + "/apps/" + app + "/flows";
        String flow = api.post(flowsUrl, cookie, Map.of("kind", kind, "name", name, "graph", graph)).path("id").asText();
        api.post(flowsUrl + "/" + flow + "/publish", cookie, null);
        Caller admin = new Caller(UUID.fromString(me.path("id").asText()), me.path("username").asText(),
                me.path("username").asText(), true, false);
        return new BenchFlow(cookie, admin, UUID.fromString(workspace), UUID.fromString(app), UUID.fromString(flow), api.base());
    }

    /** start -> three approvals, each by the flow's own admin -> end. */
    private BenchFlow threeStepApproval() throws Exception {
        return publishedFlow("approval", "三级审批", me -> {
            Map<String, Object> byMe = Map.of("assignees", Map.of("by", "user", "users", List.of(me)));
            return Map.of("nodes", List.of(
                            Map.of("id", "start", "type", "trigger", "config", Map.of("on", "manual")),
                            Map.of("id", "a1", "type", "approval", "config", byMe),
                            Map.of("id", "a2", "type", "approval", "config", byMe),
                            Map.of("id", "a3", "type", "approval", "config", byMe),
                            Map.of("id", "end", "type", "end", "config", Map.of())),
                    "edges", List.of(Map.of("from", "start", "to", "a1"), Map.of("from", "a1", "to", "a2"),
                            Map.of("from", "a2", "to", "a3"), Map.of("from", "a3", "to", "end")));
        });
    }

    private void runQiaobanApproval(BenchFlow setup) throws Exception {
        api.post(setup.instancesUrl(), setup.cookie(), Map.of());
        for (int step = 0; step < 3; step++) {
            JsonNode waiting = api.get(setup.workspaceUrl() + "/inbox?box=todo", setup.cookie());
            onlyOne(waiting.size());
            api.post(setup.workspaceUrl() + "/tasks/" + waiting.get(0).path("taskId").asText() + "/decision", setup.cookie(),
                    Map.of("action", "approve"));
        }
    }

    /** The same approval through the services the REST resources call, as the same user, without HTTP. */
    private void runQiaobanApprovalInProcess(BenchFlow setup) throws Exception {
        ActingAs.call(setup.admin(), () -> instances.start(setup.workspace(), setup.app(), setup.flow(), null, null));
        for (int step = 0; step < 3; step++) {
            List<Inbox.Item> waiting = ActingAs.call(setup.admin(), () -> inbox.list(setup.workspace(), Inbox.Box.TODO, 10));
            onlyOne(waiting.size());
            ActingAs.call(setup.admin(), () -> approvals.decide(setup.workspace(), waiting.get(0).taskId(),
                    new ApprovalService.Decision("approve", null, null, null)));
        }
    }

    /** Each client's inbox holds the one task of its current approval; anything else means the run is wrong. */
    private static void onlyOne(int tasks) {
        if (tasks != 1) {
            throw new IllegalStateException("expected one task in the inbox, found " + tasks);
        }
    }

    private static void runFlowableApproval(ProcessEngine flowable, String approver) {
        String id = flowable.getRuntimeService().startProcessInstanceByKey("approval", Map.of("approver", approver)).getId();
        for (int step = 0; step < 3; step++) {
            Task task = flowable.getTaskService().createTaskQuery().processInstanceId(id).taskAssignee(approver).singleResult();
            flowable.getTaskService().complete(task.getId());
        }
    }

    @FunctionalInterface
    interface ClientRun {
        void run(int client) throws Exception;
    }

    /** Runs {@code total} processes from {@code clients} threads; the latency of each whole process. */
    private static Latencies drive(int total, int clients, ClientRun run) throws Exception {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<Void>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    run.run(client);
                    latencies[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<Void> f : futures) {
            f.get();
        }
        pool.shutdown();
        return Latencies.of(latencies, (System.nanoTime() - started) / 1e9);
    }

    // ---------------------------------------------------------------- timers

    public TimerResult timers(int timers, boolean reference) throws Exception {
        BenchFlow setup = publishedFlow("journey", "等一小时", me -> Map.of("nodes", List.of(
                        Map.of("id", "start", "type", "trigger", "config", Map.of("on", "manual")),
                        Map.of("id", "wait", "type", "wait", "config", Map.of("duration", "PT1H")),
                        Map.of("id", "end", "type", "end", "config", Map.of())),
                "edges", List.of(Map.of("from", "start", "to", "wait"), Map.of("from", "wait", "to", "end"))));
        UUID workspace = setup.workspace();
        FlowRepository.Published flow = QuarkusTransaction.requiringNew().call(() ->
                flows.published(workspace, setup.app(), setup.flow()).orElseThrow());
        for (int i = 0; i < timers; i += 500) {
            int from = i;
            int to = Math.min(timers, i + 500);
            QuarkusTransaction.requiringNew().run(() -> {
                for (int n = from; n < to; n++) {
                    try {
                        engine.start(new FlowEngine.Start(flow, "bench:" + n, null, null, "customer-" + n, null, 0));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }
        // every timer due now: the job and the step it moves on (a step due later would wait again)
        api.sql("update job set run_at = now() where type = 'flow.step' and workspace_id = '" + workspace + "'",
                "update flow_step set due_at = now() where state = 'waiting' and instance_id in "
                        + "(select id from flow_instance where workspace_id = '" + workspace + "')",
                "analyze job");
        JobWorker.Settings settings = new JobWorker.Settings(WORKER_THREADS, 100, Duration.ofMinutes(5), Duration.ofMillis(20),
                workers.settings().backoff());
        // only flow steps: a shared test database holds other modules' leftover jobs
        JobWorker a = workers.newWorker("flow-bench-a", settings, java.util.Set.of(FlowEngine.STEP_JOB));
        JobWorker b = workers.newWorker("flow-bench-b", settings, java.util.Set.of(FlowEngine.STEP_JOB));
        System.out.printf("timers: %,d due now, draining%n", timers);
        long started = System.nanoTime();
        a.start();
        b.start();
        try {
            while (count("select count(*) from flow_instance where workspace_id = '" + workspace + "' and state = 'running'") > 0) {
                Thread.sleep(20);
            }
        } finally {
            a.stop();
            b.stop();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long ended = count("select count(*) from flow_instance where workspace_id = '" + workspace + "' and state = 'completed'");
        long twice = count("select count(*) from (select s.instance_id from flow_step s join flow_instance i on i.id = s.instance_id "
                + "where i.workspace_id = '" + workspace + "' and s.node_id = 'wait' group by 1 having count(*) > 1) t");

        if (!reference) {
            return new TimerResult(timers, seconds, ended, twice, Double.NaN, 0);
        }
        ProcessEngine flowable = flowable(true);
        try {
            flowable.getRepositoryService().createDeployment().addString("timer.bpmn20.xml", TIMER_BPMN).deploy();
            for (int i = 0; i < timers; i++) {
                flowable.getRuntimeService().startProcessInstanceByKey("timer");
            }
            api.sql("update flowable.act_ru_timer_job set duedate_ = now()", "analyze flowable.act_ru_timer_job");
            long flowableStarted = System.nanoTime();
            flowable.getProcessEngineConfiguration().getAsyncExecutor().start();
            while (count("select count(*) from flowable.act_ru_execution where proc_def_id_ like 'timer:%'") > 0) {
                Thread.sleep(20);
            }
            double flowableSeconds = (System.nanoTime() - flowableStarted) / 1e9;
            long flowableEnded = flowable.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("timer")
                    .finished().count();
            return new TimerResult(timers, seconds, ended, twice, flowableSeconds, flowableEnded);
        } finally {
            flowable.close();
        }
    }

    // ---------------------------------------------------------------- Flowable

    /** A Flowable engine on the same PostgreSQL (schema "flowable", emptied first), history at "audit". */
    private ProcessEngine flowable(boolean asyncExecutor) throws Exception {
        api.sql("drop schema if exists flowable cascade", "create schema flowable");
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
        cfg.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=flowable");
        cfg.setJdbcDriver("org.postgresql.Driver");
        cfg.setJdbcUsername(config.getOptionalValue("quarkus.datasource.username", String.class).orElse(""));
        cfg.setJdbcPassword(config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        cfg.setJdbcMaxActiveConnections(20);
        cfg.setDatabaseSchema("flowable");
        cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        cfg.setHistoryLevel(HistoryLevel.AUDIT);
        cfg.setAsyncExecutorActivate(false);
        if (asyncExecutor) {
            cfg.setAsyncExecutorCorePoolSize(2 * WORKER_THREADS);
            cfg.setAsyncExecutorMaxPoolSize(2 * WORKER_THREADS);
            cfg.setAsyncExecutorDefaultTimerJobAcquireWaitTime(20);
            cfg.setAsyncExecutorDefaultAsyncJobAcquireWaitTime(20);
        }
        return cfg.buildProcessEngine();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static final String APPROVAL_BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                         targetNamespace="bench">
              <process id="approval" name="三级审批" isExecutable="true">
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="a1"/>
                <userTask id="a1" name="主管" flowable:assignee="${approver}"/>
                <sequenceFlow id="f2" sourceRef="a1" targetRef="a2"/>
                <userTask id="a2" name="财务" flowable:assignee="${approver}"/>
                <sequenceFlow id="f3" sourceRef="a2" targetRef="a3"/>
                <userTask id="a3" name="总经理" flowable:assignee="${approver}"/>
                <sequenceFlow id="f4" sourceRef="a3" targetRef="end"/>
                <endEvent id="end"/>
              </process>
            </definitions>""";

    static final String TIMER_BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="bench">
              <process id="timer" name="等一小时" isExecutable="true">
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
                <intermediateCatchEvent id="wait">
                  <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>
                </intermediateCatchEvent>
                <sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
                <endEvent id="end"/>
              </process>
            </definitions>""";
}
