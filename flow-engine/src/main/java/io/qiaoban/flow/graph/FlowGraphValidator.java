package io.qiaoban.flow.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that a drawn graph can run, before it is saved as a draft or published: one trigger, every
 * edge between existing nodes, every node reachable from the trigger and on a way to an end, the
 * edges each node type allows (with their {@code when}), no cycle that could spin without waiting,
 * and every parallel split met by exactly one join. Node configs are checked for their shape only;
 * what they refer to (forms, fields, roles, actions, expressions) is checked against the workspace by
 * the flow service. Every problem names the node or edge to fix; all problems are reported at once.
 */
public final class FlowGraphValidator {
    public static final int MAX_NODES = 300;
    public static final int MAX_EDGES = 600;
    /** Waits longer than this are a modelling mistake (and would outlive the instance's data). */
    public static final Duration MAX_WAIT = Duration.ofDays(400);
    private static final Pattern ID = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]{0,63}$");
    private static final Pattern VARIANT = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");
    private static final Set<String> APPROVAL_MODES = Set.of("any", "all", "sequential");
    private static final Set<String> TRIGGERS = Set.of("record.created", "record.updated", "field.changed", "schedule",
            "manual", "event");

    public List<GraphProblem> validate(FlowGraph graph) {
        return new Check(graph).run();
    }

    /** One validation: the graph indexed by node id, and the problems found so far. */
    private static final class Check {
        private final FlowGraph graph;
        private final List<GraphProblem> problems = new ArrayList<>();
        private final Map<String, FlowNode> nodes = new LinkedHashMap<>();
        private final Map<String, NodeType> types = new HashMap<>();
        private final Map<String, List<Integer>> out = new HashMap<>();
        private final Map<String, List<Integer>> in = new HashMap<>();
        private final Map<String, Optional<String>> joinOfSplit = new HashMap<>();
        private final Map<String, Integer> drawnOrder = new HashMap<>();

        Check(FlowGraph graph) {
            this.graph = graph;
        }

        List<GraphProblem> run() {
            if (graph.nodes().size() > MAX_NODES || graph.edges().size() > MAX_EDGES) {
                problems.add(GraphProblem.graph("flow.graph.tooBig", MAX_NODES, MAX_EDGES));
                return problems;
            }
            indexNodes();
            indexEdges();
            String trigger = trigger();
            if (!problems.isEmpty()) {
                // without a sound index the walks below would report noise
                return problems;
            }
            nodes.values().forEach(this::checkConfig);
            checkGoal();
            nodes.values().forEach(this::checkEdges);
            Set<String> reachable = walk(Set.of(trigger), out, e -> graph.edges().get(e).to());
            Set<String> ends = new HashSet<>();
            types.forEach((id, type) -> {
                if (type == NodeType.END) {
                    ends.add(id);
                }
            });
            if (ends.isEmpty()) {
                problems.add(GraphProblem.graph("flow.graph.noEnd"));
            }
            Set<String> reachEnd = walk(ends, in, e -> graph.edges().get(e).from());
            for (String id : nodes.keySet()) {
                if (!reachable.contains(id)) {
                    problems.add(GraphProblem.node(id, "flow.graph.unreachable"));
                } else if (!ends.isEmpty() && !reachEnd.contains(id)) {
                    problems.add(GraphProblem.node(id, "flow.graph.noWayToEnd"));
                }
            }
            checkCycles();
            checkJoins();
            return problems;
        }

        private void indexNodes() {
            for (FlowNode node : graph.nodes()) {
                if (node == null || node.id() == null || !ID.matcher(node.id()).matches()) {
                    problems.add(GraphProblem.graph("flow.graph.nodeId", node == null ? "" : clip(node.id())));
                    continue;
                }
                if (nodes.putIfAbsent(node.id(), node) == null) {
                    drawnOrder.put(node.id(), drawnOrder.size());
                } else {
                    problems.add(GraphProblem.node(node.id(), "flow.graph.duplicateId"));
                    continue;
                }
                Optional<NodeType> type = NodeType.byKey(node.type() == null ? "" : node.type());
                if (type.isEmpty()) {
                    problems.add(GraphProblem.node(node.id(), "flow.graph.unknownType", clip(node.type())));
                    continue;
                }
                types.put(node.id(), type.get());
                out.put(node.id(), new ArrayList<>());
                in.put(node.id(), new ArrayList<>());
            }
        }

        private void indexEdges() {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < graph.edges().size(); i++) {
                FlowEdge e = graph.edges().get(i);
                if (e == null || !types.containsKey(e.from()) || !types.containsKey(e.to())) {
                    problems.add(GraphProblem.edge(i, "flow.graph.danglingEdge"));
                } else if (e.from().equals(e.to())) {
                    problems.add(GraphProblem.edge(i, "flow.graph.selfLoop"));
                } else if (!seen.add(e.from() + "\u0000" + e.to() + "\u0000" + e.when())) {
                    problems.add(GraphProblem.edge(i, "flow.graph.duplicateEdge"));
                } else {
                    out.get(e.from()).add(i);
                    in.get(e.to()).add(i);
                }
            }
        }

        private String trigger() {
            List<String> triggers = types.entrySet().stream().filter(t -> t.getValue() == NodeType.TRIGGER)
                    .map(Map.Entry::getKey).sorted((a, b) -> order(a) - order(b)).toList();
            if (triggers.isEmpty()) {
                problems.add(GraphProblem.graph("flow.graph.noTrigger"));
                return null;
            }
            triggers.stream().skip(1).forEach(id -> problems.add(GraphProblem.node(id, "flow.graph.secondTrigger")));
            return triggers.get(0);
        }

        /** Where the node stands in the drawn graph, so that problems name the first of several nodes. */
        private int order(String id) {
            return drawnOrder.get(id);
        }

        /** The edges a node type allows, and what their when must be. */
        private void checkEdges(FlowNode node) {
            String id = node.id();
            NodeType type = types.get(id);
            List<Integer> leaving = out.get(id);
            if (type == NodeType.TRIGGER && !in.get(id).isEmpty()) {
                problems.add(GraphProblem.node(id, "flow.graph.triggerHasIncoming"));
            }
            if (type == NodeType.JOIN && in.get(id).size() < 2) {
                problems.add(GraphProblem.node(id, "flow.graph.joinNeedsBranches"));
            }
            switch (type) {
                case END -> {
                    if (!leaving.isEmpty()) {
                        problems.add(GraphProblem.node(id, "flow.graph.endHasOutgoing"));
                    }
                }
                case TRIGGER, ACTION, JOIN -> exactlyOnePlainEdge(id, leaving);
                case WAIT -> outcomes(id, leaving, Set.of("timeout"), waitsForEvent(node));
                case APPROVAL -> outcomes(id, leaving, Set.of("rejected"), true);
                case PARALLEL -> {
                    if (leaving.size() < 2) {
                        problems.add(GraphProblem.node(id, "flow.graph.splitNeedsBranches"));
                    }
                    leaving.stream().filter(e -> graph.edges().get(e).when() != null)
                            .forEach(e -> problems.add(GraphProblem.edge(e, "flow.graph.edgeWhen")));
                }
                case CONDITION -> conditionEdges(id, leaving);
                case AB_SPLIT -> variantEdges(node, leaving);
            }
        }

        private void exactlyOnePlainEdge(String id, List<Integer> leaving) {
            if (leaving.size() != 1) {
                problems.add(GraphProblem.node(id, "flow.graph.oneOutgoing", leaving.size()));
            }
            leaving.stream().filter(e -> graph.edges().get(e).when() != null)
                    .forEach(e -> problems.add(GraphProblem.edge(e, "flow.graph.edgeWhen")));
        }

        /** One plain edge (approval: "approved" may be written out), and at most one per allowed outcome. */
        private void outcomes(String id, List<Integer> leaving, Set<String> extra, boolean extraAllowed) {
            int plain = 0;
            Set<String> used = new HashSet<>();
            for (int e : leaving) {
                String when = graph.edges().get(e).when();
                if (when == null || when.equals("approved") && types.get(id) == NodeType.APPROVAL) {
                    plain++;
                } else if (!extra.contains(when) || !extraAllowed || !used.add(when)) {
                    problems.add(GraphProblem.edge(e, "flow.graph.edgeWhen"));
                }
            }
            if (plain != 1) {
                problems.add(GraphProblem.node(id, "flow.graph.oneOutgoing", plain));
            }
        }

        private void conditionEdges(String id, List<Integer> leaving) {
            if (leaving.size() < 2) {
                problems.add(GraphProblem.node(id, "flow.graph.conditionNeedsBranches"));
            }
            int otherwise = 0;
            for (int e : leaving) {
                String when = graph.edges().get(e).when();
                if (when == null || when.isBlank()) {
                    problems.add(GraphProblem.edge(e, "flow.graph.conditionMissing"));
                } else if (when.equals("else")) {
                    otherwise++;
                }
            }
            if (otherwise != 1) {
                problems.add(GraphProblem.node(id, "flow.graph.oneElse", otherwise));
            }
        }

        private void variantEdges(FlowNode node, List<Integer> leaving) {
            Set<String> variants = new LinkedHashSet<>();
            node.config().path("variants").forEach(v -> variants.add(v.path("key").asText()));
            Set<String> used = new HashSet<>();
            for (int e : leaving) {
                String when = graph.edges().get(e).when();
                if (when == null || !variants.contains(when) || !used.add(when)) {
                    problems.add(GraphProblem.edge(e, "flow.graph.edgeVariant"));
                }
            }
            variants.removeAll(used);
            if (!variants.isEmpty()) {
                problems.add(GraphProblem.node(node.id(), "flow.graph.variantWithoutEdge", String.join(", ", variants)));
            }
        }

        /** Shapes of the configs; what they point at is the flow service's to check. */
        private void checkConfig(FlowNode node) {
            JsonNode c = node.config();
            String id = node.id();
            switch (types.get(id)) {
                case TRIGGER -> {
                    if (!TRIGGERS.contains(c.path("on").asText())) {
                        problems.add(GraphProblem.node(id, "flow.config.trigger"));
                    } else if (c.path("on").asText().equals("schedule")) {
                        checkSchedule(id, c);
                    }
                }
                case APPROVAL -> {
                    if (!APPROVAL_MODES.contains(c.path("mode").asText("any"))) {
                        problems.add(GraphProblem.node(id, "flow.config.approvalMode"));
                    }
                    if (!assignees(c.path("assignees"))) {
                        problems.add(GraphProblem.node(id, "flow.config.assignees"));
                    }
                    if (c.has("remindAfter") && !remindsInTime(c)) {
                        problems.add(GraphProblem.node(id, "flow.config.remindAfter"));
                    }
                }
                case ACTION -> {
                    if (!c.path("action").isTextual() || c.path("action").asText().isBlank()) {
                        problems.add(GraphProblem.node(id, "flow.config.action"));
                    }
                }
                case WAIT -> checkWait(id, c);
                case AB_SPLIT -> checkVariants(id, c);
                default -> {
                }
            }
        }

        /** A goal is an event like an event wait's, with a conversion window. */
        private void checkGoal() {
            FlowGoal goal = graph.goal();
            if (goal == null) {
                return;
            }
            if (goal.event() == null || goal.event().isBlank() || goal.event().length() > 100) {
                problems.add(GraphProblem.goal("flow.goal.event"));
            }
            if ((goal.form() != null && goal.form().length() > 64) || (goal.match() != null && goal.match().length() > 64)) {
                problems.add(GraphProblem.goal("flow.goal.match"));
            }
            if (!validDuration(JsonNodeFactory.instance.textNode(goal.window()))) {
                problems.add(GraphProblem.goal("flow.goal.within"));
            }
        }

        /** Who approves: chosen users, holders of roles, or the members a field of the record names. */
        private static boolean assignees(JsonNode who) {
            return switch (who.path("by").asText()) {
                case "user" -> nonEmptyTexts(who.path("users"));
                case "role" -> nonEmptyTexts(who.path("roles"));
                case "field" -> who.path("field").isTextual() && !who.path("field").asText().isBlank();
                default -> false;
            };
        }

        private static boolean nonEmptyTexts(JsonNode list) {
            if (!list.isArray() || list.isEmpty()) {
                return false;
            }
            for (JsonNode item : list) {
                if (!item.isTextual() || item.asText().isBlank()) {
                    return false;
                }
            }
            return true;
        }

        private void checkSchedule(String id, JsonNode c) {
            Optional<Schedule> schedule = Schedule.parse(c.path("cron").isTextual() ? c.path("cron").asText() : null);
            if (schedule.isEmpty()) {
                problems.add(GraphProblem.node(id, "flow.config.cron"));
            } else if (schedule.get().tooOften()) {
                problems.add(GraphProblem.node(id, "flow.config.cronTooOften", Schedule.MIN_INTERVAL.toMinutes()));
            }
            if (c.has("filter") && !(c.path("filter").isObject() && c.path("form").isTextual())) {
                problems.add(GraphProblem.node(id, "flow.config.scheduleFilter"));
            }
        }

        private void checkWait(String id, JsonNode c) {
            int kinds = (c.has("duration") ? 1 : 0) + (c.has("untilField") ? 1 : 0) + (c.has("event") ? 1 : 0);
            if (kinds != 1) {
                problems.add(GraphProblem.node(id, "flow.config.waitKind"));
                return;
            }
            if (c.has("duration") && !validDuration(c.path("duration"))) {
                problems.add(GraphProblem.node(id, "flow.config.duration"));
            }
            if (c.has("untilField") && !(c.path("untilField").isTextual() && !c.path("untilField").asText().isBlank())) {
                problems.add(GraphProblem.node(id, "flow.config.untilField"));
            }
            if (c.has("event") && !(c.path("event").isTextual() && !c.path("event").asText().isBlank())) {
                problems.add(GraphProblem.node(id, "flow.config.event"));
            }
            if (c.has("timeout") && !(c.has("event") && validDuration(c.path("timeout")))) {
                problems.add(GraphProblem.node(id, "flow.config.timeout"));
            }
        }

        private static boolean waitsForEvent(FlowNode node) {
            return node.config().has("event") && node.config().has("timeout");
        }

        private void checkVariants(String id, JsonNode c) {
            JsonNode variants = c.path("variants");
            if (!variants.isArray() || variants.size() < 2 || variants.size() > 10) {
                problems.add(GraphProblem.node(id, "flow.config.variants"));
                return;
            }
            int total = 0;
            Set<String> keys = new HashSet<>();
            for (JsonNode v : variants) {
                String key = v.path("key").asText();
                int percent = v.path("percent").isInt() ? v.path("percent").asInt() : -1;
                if (!VARIANT.matcher(key).matches() || !keys.add(key) || percent < 1 || percent > 99) {
                    problems.add(GraphProblem.node(id, "flow.config.variants"));
                    return;
                }
                total += percent;
            }
            if (total != 100) {
                problems.add(GraphProblem.node(id, "flow.config.variantsTotal", total));
            }
        }

        /** A reminder is a duration, and comes before the timeout (if any): after it there is nobody left to remind. */
        private static boolean remindsInTime(JsonNode approval) {
            if (!validDuration(approval.path("remindAfter"))) {
                return false;
            }
            return !validDuration(approval.path("timeout")) || Duration.parse(approval.path("remindAfter").asText())
                    .compareTo(Duration.parse(approval.path("timeout").asText())) < 0;
        }

        private static boolean validDuration(JsonNode value) {
            if (!value.isTextual()) {
                return false;
            }
            try {
                Duration d = Duration.parse(value.asText());
                return !d.isNegative() && !d.isZero() && d.compareTo(MAX_WAIT) <= 0;
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        /**
         * Every cycle must pass a wait or an approval: a loop of actions and conditions alone would run
         * without end the moment it is entered. With the pausing nodes taken out, what still forms a
         * cycle (a strongly connected component, Tarjan) never pauses.
         */
        private void checkCycles() {
            Set<String> running = new LinkedHashSet<>();
            nodes.keySet().stream().filter(id -> types.get(id) != NodeType.WAIT && types.get(id) != NodeType.APPROVAL)
                    .forEach(running::add);
            for (Set<String> component : new Components(running).all()) {
                if (component.size() > 1) {
                    String first = component.stream().min((a, b) -> order(a) - order(b)).orElseThrow();
                    problems.add(GraphProblem.node(first, "flow.graph.cycleWithoutWait", String.join(" → ", component)));
                }
            }
        }

        /** Each parallel split meets exactly one join, and that join meets only it, with one edge per branch. */
        private void checkJoins() {
            Map<String, String> splitOfJoin = new HashMap<>();
            for (String id : nodes.keySet()) {
                if (types.get(id) != NodeType.PARALLEL) {
                    continue;
                }
                Optional<String> join = joinOf(id, new HashSet<>());
                if (join.isEmpty()) {
                    continue;
                }
                String earlier = splitOfJoin.putIfAbsent(join.get(), id);
                if (earlier != null) {
                    problems.add(GraphProblem.node(join.get(), "flow.graph.joinOfTwoSplits", earlier, id));
                } else if (in.get(join.get()).size() != out.get(id).size()) {
                    problems.add(GraphProblem.node(join.get(), "flow.graph.joinBranches", out.get(id).size()));
                }
            }
            for (String id : nodes.keySet()) {
                if (types.get(id) == NodeType.JOIN && !splitOfJoin.containsKey(id)) {
                    problems.add(GraphProblem.node(id, "flow.graph.joinWithoutSplit"));
                }
            }
        }

        /** The one join all branches of a split run into (reported on the split when there is none or several). */
        private Optional<String> joinOf(String split, Set<String> splitsBeingMatched) {
            if (joinOfSplit.containsKey(split)) {
                return joinOfSplit.get(split);
            }
            if (!splitsBeingMatched.add(split)) {
                return Optional.empty(); // a split inside its own branches: the cycle check reports it
            }
            Set<String> joins = new LinkedHashSet<>();
            boolean branchWithoutJoin = false;
            for (int e : out.get(split)) {
                Set<String> found = firstJoins(graph.edges().get(e).to(), new HashSet<>(), splitsBeingMatched);
                branchWithoutJoin |= found.isEmpty();
                joins.addAll(found);
            }
            Optional<String> join = Optional.empty();
            if (joins.size() == 1 && !branchWithoutJoin) {
                join = Optional.of(joins.iterator().next());
            } else {
                problems.add(GraphProblem.node(split, joins.size() > 1 ? "flow.graph.branchesMeetApart" : "flow.graph.branchWithoutJoin"));
            }
            joinOfSplit.put(split, join);
            return join;
        }

        /** The joins a branch first runs into, stepping over nested split/join pairs; ends end a branch. */
        private Set<String> firstJoins(String node, Set<String> visited, Set<String> splitsBeingMatched) {
            Set<String> joins = new LinkedHashSet<>();
            Deque<String> pending = new ArrayDeque<>(List.of(node));
            while (!pending.isEmpty()) {
                String id = pending.pop();
                if (!visited.add(id)) {
                    continue;
                }
                NodeType type = types.get(id);
                if (type == NodeType.JOIN) {
                    joins.add(id);
                } else if (type == NodeType.PARALLEL) {
                    joinOf(id, splitsBeingMatched).ifPresent(j -> out.get(j).forEach(e -> pending.push(graph.edges().get(e).to())));
                } else {
                    out.get(id).forEach(e -> pending.push(graph.edges().get(e).to()));
                }
            }
            return joins;
        }

        private Set<String> walk(Set<String> from, Map<String, List<Integer>> edges, java.util.function.IntFunction<String> next) {
            Set<String> seen = new HashSet<>();
            Deque<String> pending = new ArrayDeque<>();
            from.stream().filter(f -> f != null).forEach(pending::push);
            while (!pending.isEmpty()) {
                String id = pending.pop();
                if (seen.add(id)) {
                    edges.get(id).forEach(e -> pending.push(next.apply(e)));
                }
            }
            return seen;
        }

        /** Tarjan's strongly connected components of the given nodes, over the edges between them. */
        private final class Components {
            private final Set<String> ids;
            private final Map<String, Integer> index = new HashMap<>();
            private final Map<String, Integer> low = new HashMap<>();
            private final Deque<String> stack = new ArrayDeque<>();
            private final Set<String> onStack = new HashSet<>();
            private final List<Set<String>> found = new ArrayList<>();
            private int counter;

            Components(Set<String> ids) {
                this.ids = ids;
            }

            List<Set<String>> all() {
                ids.forEach(id -> {
                    if (!index.containsKey(id)) {
                        visit(id);
                    }
                });
                return found;
            }

            private void visit(String id) {
                index.put(id, counter);
                low.put(id, counter);
                counter++;
                stack.push(id);
                onStack.add(id);
                for (int e : out.get(id)) {
                    String to = graph.edges().get(e).to();
                    if (!ids.contains(to)) {
                        continue;
                    }
                    if (!index.containsKey(to)) {
                        visit(to);
                        low.put(id, Math.min(low.get(id), low.get(to)));
                    } else if (onStack.contains(to)) {
                        low.put(id, Math.min(low.get(id), index.get(to)));
                    }
                }
                if (low.get(id).equals(index.get(id))) {
                    Set<String> component = new LinkedHashSet<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(id));
                    found.add(component);
                }
            }
        }
    }

    private static String clip(String text) {
        return text == null ? "" : text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
