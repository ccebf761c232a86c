package io.qiaoban.flow.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.expression.ExpressionException;
import io.qiaoban.core.problem.Messages;
import io.qiaoban.core.workspace.WorkspaceZones;
import io.qiaoban.flow.definition.FlowKind;
import io.qiaoban.flow.graph.FlowEdge;
import io.qiaoban.flow.graph.FlowGoal;
import io.qiaoban.flow.graph.FlowGraph;
import io.qiaoban.flow.graph.FlowNode;
import io.qiaoban.flow.graph.NodeType;
import io.qiaoban.flow.message.MessageLog;
import io.qiaoban.flow.message.MessageSendAction;
import io.qiaoban.flow.message.QuietHours;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;

/**
 * The designer's test mode: walks a graph for one sample record on a simulated clock, the way the
 * engine would run it, and reports the path, the messages it would send and the changes it would make.
 * It writes nothing and runs no action: conditions, formulas, A/B draws (the same sticky hash), quiet
 * hours and opt-outs are the engine's own; a record update is applied to the sample in memory so
 * later conditions see it; what the customer does (orders again...) comes from the scenario's events,
 * each a moment after they entered. Approvals are decided as the scenario says.
 */
@ApplicationScoped
public class FlowSimulator {
    /** A path longer than this is a loop that keeps coming back; the simulation stops it. */
    static final int MAX_STEPS = 300;
    static final Duration HORIZON = Duration.ofDays(800);

    /** Something the customer does {@code after} entering: an event of a type, about a record of a form ("" any). */
    public record ScenarioEvent(String event, String form, Duration after) {
    }

    /** What to simulate: the sample (its record and customer), the customer's events, how approvals are decided. */
    public record Scenario(UUID workspaceId, UUID appId, UUID flowId, FlowKind kind, String form, UUID recordId,
            Map<String, Object> record, String customerKey, List<ScenarioEvent> events, boolean approve, Instant start) {
    }

    public record Step(String nodeId, String nodeName, String type, Instant at, String outcome, String note) {
    }

    /** A message the run would send; {@code state} is what the engine would do with it (queued, opted-out, capped, no-recipient). */
    public record Message(String nodeId, Instant at, String template, String to, String body, boolean marketing, String state,
            Instant deferredFrom) {
    }

    /** An action other than a message, with its config as it would run (formulas evaluated). */
    public record Change(String nodeId, Instant at, String action, JsonNode config) {
    }

    /**
     * Where the sample ends: "completed", "rejected", "goal" (reached the goal), "exit" (exit
     * condition), "waiting" (waits for an event that never comes), "failed", "tooLong".
     */
    public record Path(UUID recordId, String customerKey, List<Step> steps, List<Message> messages, List<Change> changes,
            Map<String, String> variants, String end, String endNode, Instant endedAt, String error) {
    }

    private final FlowFacts facts;
    private final QuietHours quietHours;
    private final MessageLog messageLog;
    private final WorkspaceZones zones;
    private final ObjectMapper json;
    private final MessageSendAction messages;

    FlowSimulator(FlowFacts facts, QuietHours quietHours, MessageLog messageLog, WorkspaceZones zones, ObjectMapper json,
            MessageSendAction messages) {
        this.facts = facts;
        this.quietHours = quietHours;
        this.messageLog = messageLog;
        this.zones = zones;
        this.json = json;
        this.messages = messages;
    }

    /** A token at a node, due at a moment; {@code deferred} marks a message already held back for quiet hours. */
    private record Token(long seq, Instant at, String nodeId, String cameFrom, Instant deferredFrom) {
    }

    /** One simulation: the sample's state as it goes. */
    private final class Walk {
        final Scenario scenario;
        final RunnableGraph graph;
        final FlowInstance instance;
        final ObjectNode variables = json.createObjectNode();
        final ObjectNode variants = json.createObjectNode();
        final Map<String, Object> record;
        final PriorityQueue<Token> tokens = new PriorityQueue<>(Comparator.comparing(Token::at).thenComparingLong(Token::seq));
        final Map<String, Set<String>> arrivals = new HashMap<>();
        final List<Step> steps = new ArrayList<>();
        final List<Message> messages = new ArrayList<>();
        final List<Change> changes = new ArrayList<>();
        long seq;
        String end;
        String endNode;
        Instant endedAt;
        String error;

        Walk(Scenario scenario, FlowGraph graph) {
            this.scenario = scenario;
            this.graph = new RunnableGraph(graph);
            this.record = new LinkedHashMap<>(scenario.record() == null ? Map.of() : scenario.record());
            this.instance = new FlowInstance(UUID.randomUUID(), scenario.workspaceId(), scenario.appId(), scenario.flowId(), 0,
                    scenario.kind(), InstanceState.RUNNING, "simulation", scenario.form(), scenario.recordId(),
                    scenario.customerKey(), variables, variants, null, null, scenario.start(), null, null, null, null);
        }

        /** A run at a simulated moment over the sample in memory. */
        FlowEngine.Run at(Instant now) {
            return new FlowEngine.Run(instance, graph, now, variables, variants, i -> record);
        }

        void push(Instant at, String nodeId, String cameFrom) {
            tokens.add(new Token(seq++, at, nodeId, cameFrom, null));
        }

        void stop(String how, String node, Instant at, String why) {
            end = how;
            endNode = node;
            endedAt = at;
            error = why;
        }

        boolean running() {
            return end == null;
        }
    }

    public Path simulate(Scenario scenario, FlowGraph graph) throws SQLException {
        Walk walk = new Walk(scenario, graph);
        FlowNode trigger = walk.graph.trigger().orElseThrow(() -> new IllegalStateException("A simulated graph without trigger"));
        Optional<Instant> goalAt = goalReached(scenario, graph.goal());
        walk.push(scenario.start(), trigger.id(), null);
        while (walk.running()) {
            Token token = walk.tokens.poll();
            if (token == null) {
                // every branch stopped without an end node: the engine completes such an instance
                walk.stop("completed", null, walk.steps.isEmpty() ? scenario.start() : walk.steps.get(walk.steps.size() - 1).at(), null);
                break;
            }
            if (goalAt.isPresent() && !goalAt.get().isAfter(token.at())) {
                // the customer left from where they were: the node the next step came from (a wait, mostly)
                walk.stop("goal", token.cameFrom(), goalAt.get(), null);
                break;
            }
            if (walk.steps.size() >= MAX_STEPS || token.at().isAfter(scenario.start().plus(HORIZON))) {
                walk.stop("tooLong", token.nodeId(), token.at(), null);
                break;
            }
            try {
                if (graph.exitWhen() != null && facts.holds(walk.at(token.at()), graph.exitWhen())) {
                    walk.stop("exit", token.cameFrom(), token.at(), null);
                    break;
                }
                act(walk, token);
            } catch (ExpressionException e) {
                walk.stop("failed", token.nodeId(), token.at(), Messages.text(Messages.ZH, "field." + e.code(), e.messageArgs())
                        + " / " + Messages.text(Messages.EN, "field." + e.code(), e.messageArgs()));
            }
        }
        Map<String, String> drawn = new LinkedHashMap<>();
        walk.variants.fields().forEachRemaining(v -> drawn.put(v.getKey(), v.getValue().asText()));
        return new Path(scenario.recordId(), scenario.customerKey(), walk.steps, walk.messages, walk.changes, drawn, walk.end,
                walk.endNode, walk.endedAt, walk.error);
    }

    /** When the customer reaches the goal in this scenario: the first matching event within the window. */
    static Optional<Instant> goalReached(Scenario scenario, FlowGoal goal) {
        if (goal == null) {
            return Optional.empty();
        }
        Duration window = Duration.parse(goal.window());
        return scenario.events().stream()
                .filter(e -> matches(e, goal.event(), goal.form()) && e.after().compareTo(window) <= 0 && !e.after().isNegative())
                .map(e -> scenario.start().plus(e.after())).min(Comparator.naturalOrder());
    }

    private static boolean matches(ScenarioEvent e, String type, String form) {
        return e.event().equals(type) && (form == null || form.isEmpty() || e.form() == null || e.form().isEmpty()
                || form.equals(e.form()));
    }

    private void act(Walk walk, Token token) throws SQLException {
        FlowNode node = walk.graph.node(token.nodeId());
        NodeType type = walk.graph.type(node.id());
        Instant at = token.at();
        FlowEngine.Run run = walk.at(at);
        switch (type) {
            case TRIGGER, PARALLEL -> follow(walk, node, type, null, at, null);
            case ACTION -> action(walk, node, token, run);
            case CONDITION -> {
                FlowEdge chosen = facts.branch(run, node);
                walk.steps.add(step(node, at, chosen.to(), null));
                walk.push(at, chosen.to(), node.id());
            }
            case JOIN -> {
                Set<String> arrived = walk.arrivals.computeIfAbsent(node.id(), k -> new HashSet<>());
                arrived.add(token.cameFrom());
                if (arrived.size() >= walk.graph.entering(node.id()).size()) {
                    walk.arrivals.remove(node.id());
                    follow(walk, node, type, null, at, null);
                }
            }
            case WAIT -> await(walk, node, at, run);
            case AB_SPLIT -> {
                String variant = Variants.choose(run, node);
                follow(walk, node, type, variant, at, null);
            }
            case APPROVAL -> {
                String outcome = walk.scenario.approve() ? "approved" : "rejected";
                walk.variables.put("decision", outcome);
                follow(walk, node, type, outcome, at, null);
            }
            case END -> {
                walk.steps.add(step(node, at, null, null));
                walk.stop("rejected".equals(walk.variables.path("decision").asText()) ? "rejected" : "completed", node.id(), at, null);
            }
        }
    }

    private void action(Walk walk, FlowNode node, Token token, FlowEngine.Run run) throws SQLException {
        Instant at = token.at();
        String key = node.config().path("action").asText();
        ObjectNode config = node.config().deepCopy();
        config.remove("action");
        if (MessageSendAction.KEY.equals(key) && MessageSendAction.marketing(config) && token.deferredFrom() == null) {
            Optional<Instant> morning = quietHours.deferredUntil(walk.instance.workspaceId(), at);
            if (morning.isPresent()) {
                walk.tokens.add(new Token(walk.seq++, morning.get(), node.id(), token.cameFrom(), at));
                return;
            }
        }
        ObjectNode resolved = (ObjectNode) facts.resolve(run, config, "nodes." + node.id() + ".config");
        ObjectNode output = json.createObjectNode();
        String note;
        if (MessageSendAction.KEY.equals(key)) {
            Message message = message(walk, node, resolved, at, token.deferredFrom());
            walk.messages.add(message);
            output.putObject("output").put("state", message.state());
            note = message.template() + " → " + message.to() + ": " + message.state();
        } else {
            if ("record.update".equals(key) && !resolved.hasNonNull("record") && resolved.path("values").isObject()) {
                // the sample changes in memory: what comes next reads the new values
                resolved.path("values").fields().forEachRemaining(f -> walk.record.put(f.getKey(), json.convertValue(f.getValue(), Object.class)));
            }
            walk.changes.add(new Change(node.id(), at, key, resolved));
            output.putObject("output");
            note = key;
        }
        output.put("summary", note).put("simulated", true);
        ((ObjectNode) walk.variables.with("steps")).set(node.id(), output);
        follow(walk, node, NodeType.ACTION, null, at, note);
    }

    private Message message(Walk walk, FlowNode node, ObjectNode config, Instant at, Instant deferredFrom) throws SQLException {
        String to = config.path("to").asText("").trim();
        if (to.isEmpty() && walk.instance.customerKey() != null) {
            to = walk.instance.customerKey();
        }
        boolean marketing = MessageSendAction.marketing(config);
        Instant dayBefore = at.minus(Duration.ofDays(1));
        String recipient = to;
        String state = messages.state(recipient, marketing, () -> messageLog.optedOut(walk.instance.workspaceId(), recipient),
                () -> walk.messages.stream().filter(m -> m.marketing() && "queued".equals(m.state()) && m.at().isAfter(dayBefore)).count());
        return new Message(node.id(), at, config.path("template").asText(), to, config.path("body").asText(null), marketing, state,
                deferredFrom);
    }

    private void await(Walk walk, FlowNode node, Instant at, FlowEngine.Run run) {
        JsonNode c = node.config();
        if (c.has("duration")) {
            Instant due = at.plus(Duration.parse(c.path("duration").asText()));
            follow(walk, node, NodeType.WAIT, null, due, null, at);
            return;
        }
        if (c.has("untilField")) {
            Instant due = Waits.moment(run.record().get(c.path("untilField").asText()), zones.zone(walk.instance.workspaceId()));
            follow(walk, node, NodeType.WAIT, null, due == null || due.isBefore(at) ? at : due, null, at);
            return;
        }
        Instant timeout = c.has("timeout") ? at.plus(Duration.parse(c.path("timeout").asText())) : null;
        Optional<Instant> comes = walk.scenario.events().stream()
                .filter(e -> matches(e, c.path("event").asText(), c.path("form").asText("")))
                .map(e -> walk.scenario.start().plus(e.after()))
                .filter(when -> when.isAfter(at) && (timeout == null || !when.isAfter(timeout)))
                .min(Comparator.naturalOrder());
        if (comes.isPresent()) {
            follow(walk, node, NodeType.WAIT, "event", comes.get(), null, at);
        } else if (timeout != null) {
            follow(walk, node, NodeType.WAIT, "timeout", timeout, null, at);
        } else {
            walk.steps.add(step(node, at, null, "waiting"));
            walk.stop("waiting", node.id(), at, null);
        }
    }

    private void follow(Walk walk, FlowNode node, NodeType type, String outcome, Instant at, String note) {
        follow(walk, node, type, outcome, at, note, at);
    }

    /** Records the step (entered at {@code entered}, left at {@code at}) and moves on along the edges its outcome takes. */
    private void follow(Walk walk, FlowNode node, NodeType type, String outcome, Instant at, String note, Instant entered) {
        walk.steps.add(new Step(node.id(), node.name(), node.type(), entered, outcome, note));
        List<FlowEdge> edges = walk.graph.leaving(node.id()).stream().filter(FlowEngine.taken(type, outcome)).toList();
        if (edges.isEmpty()) {
            walk.stop(type == NodeType.APPROVAL && "rejected".equals(outcome) ? "rejected" : "completed", node.id(), at, null);
            return;
        }
        edges.forEach(edge -> walk.push(at, edge.to(), node.id()));
    }

    private static Step step(FlowNode node, Instant at, String outcome, String note) {
        return new Step(node.id(), node.name(), node.type(), at, outcome, note);
    }
}
