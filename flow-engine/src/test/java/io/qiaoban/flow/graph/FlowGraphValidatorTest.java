package io.qiaoban.flow.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two flows the product is drawn for pass (a 3-step approval with a countersign step and a
 * rejection path; the new-customer journey with a wait, a condition, an A/B split, a parallel split
 * and join, and a loop back through a wait). Each broken variant of them is refused with the node or
 * edge to fix.
 */
class FlowGraphValidatorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final FlowGraphValidator validator = new FlowGraphValidator();

    static FlowGraph fixture(String name) {
        try (InputStream in = FlowGraphValidatorTest.class.getResourceAsStream("FlowGraphValidatorTest/" + name + ".flow.json")) {
            return JSON.readValue(in, FlowGraph.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theApprovalAndTheJourneyAreValid() {
        assertEquals(List.of(), validator.validate(fixture("countersign-approval")));
        assertEquals(List.of(), validator.validate(fixture("new-customer-journey")));
    }

    static Stream<Arguments> brokenGraphs() {
        return Stream.of(
                broken("approval", "no trigger", g -> withoutNode(g, "start"), "graph", "flow.graph.noTrigger"),
                broken("approval", "a second trigger", g -> plus(g, node("again", "trigger", Map.of("on", "manual")),
                        edge("again", "manager", null)), "nodes.again", "flow.graph.secondTrigger"),
                broken("approval", "an edge into the trigger", g -> plusEdge(g, edge("approved", "start", null)),
                        "nodes.start", "flow.graph.triggerHasIncoming"),
                broken("approval", "an unknown type", g -> replaceNode(g, node("ceo", "sign", Map.of())),
                        "nodes.ceo", "flow.graph.unknownType"),
                broken("approval", "two nodes with one id", g -> plus(g, node("ceo", "end", Map.of())), "nodes.ceo",
                        "flow.graph.duplicateId"),
                broken("approval", "an id that is not an id", g -> plus(g, node("1 drop table", "end", Map.of())), "graph",
                        "flow.graph.nodeId"),
                broken("approval", "a dangling edge", g -> plusEdge(g, edge("ceo", "nowhere", "rejected")), "edges[9]",
                        "flow.graph.danglingEdge"),
                broken("approval", "an edge to itself", g -> plusEdge(g, edge("ceo", "ceo", "rejected")), "edges[9]",
                        "flow.graph.selfLoop"),
                broken("approval", "no end", g -> withoutNode(withoutNode(g, "done"), "closed"), "graph", "flow.graph.noEnd"),
                broken("approval", "a node nobody reaches", g -> plus(g, node("orphan", "action", Map.of("action", "tag.add")),
                        edge("orphan", "done", null)), "nodes.orphan", "flow.graph.unreachable"),
                broken("approval", "a dead end", g -> withoutEdge(g, "approved", "done"), "nodes.approved",
                        "flow.graph.noWayToEnd"),
                broken("approval", "an action with two ways on", g -> plusEdge(g, edge("approved", "closed", null)),
                        "nodes.approved", "flow.graph.oneOutgoing"),
                broken("approval", "an approval outcome that does not exist", g -> plusEdge(g, edge("ceo", "closed", "maybe")),
                        "edges[9]", "flow.graph.edgeWhen"),
                broken("approval", "an end that goes on", g -> plusEdge(g, edge("done", "closed", null)), "nodes.done",
                        "flow.graph.endHasOutgoing"),
                broken("approval", "an approval mode that does not exist", g -> replaceNode(g, node("finance", "approval",
                        Map.of("mode", "most", "assignees", Map.of("by", "role", "roles", List.of("finance"))))), "nodes.finance",
                        "flow.config.approvalMode"),
                broken("approval", "an approval without assignees", g -> replaceNode(g, node("manager", "approval", Map.of())),
                        "nodes.manager", "flow.config.assignees"),
                broken("approval", "an approval by a role not chosen", g -> replaceNode(g, node("manager", "approval",
                        Map.of("assignees", Map.of("by", "role", "roles", List.of())))), "nodes.manager", "flow.config.assignees"),
                broken("approval", "an approval by nobody known", g -> replaceNode(g, node("manager", "approval",
                        Map.of("assignees", Map.of("by", "boss")))), "nodes.manager", "flow.config.assignees"),
                broken("journey", "a schedule that is no cron", g -> replaceNode(g, node("firstOrder", "trigger",
                        Map.of("on", "schedule", "cron", "daily at nine"))), "nodes.firstOrder", "flow.config.cron"),
                broken("approval", "an action without its action", g -> replaceNode(g, node("approved", "action", Map.of())),
                        "nodes.approved", "flow.config.action"),
                broken("journey", "a condition without else", g -> withoutEdge(g, "repurchased", "split"), "nodes.repurchased",
                        "flow.graph.oneElse"),
                broken("journey", "a condition edge without its condition", g -> plusEdge(g, edge("repurchased", "tag", null)),
                        "edges[16]", "flow.graph.conditionMissing"),
                broken("journey", "a wait of no time", g -> replaceNode(g, node("week", "wait", Map.of("duration", "PT0S"))),
                        "nodes.week", "flow.config.duration"),
                broken("journey", "a wait of ten years", g -> replaceNode(g, node("week", "wait", Map.of("duration", "P3650D"))),
                        "nodes.week", "flow.config.duration"),
                broken("journey", "a wait for two things", g -> replaceNode(g, node("week", "wait",
                        Map.of("duration", "P7D", "event", "order.created"))), "nodes.week", "flow.config.waitKind"),
                broken("journey", "a timeout edge on a wait that cannot time out", g -> plusEdge(g, edge("week", "end", "timeout")),
                        "edges[16]", "flow.graph.edgeWhen"),
                broken("journey", "variants that do not add up", g -> replaceNode(g, node("split", "ab", Map.of("variants",
                        List.of(Map.of("key", "small", "percent", 50), Map.of("key", "big", "percent", 40))))), "nodes.split",
                        "flow.config.variantsTotal"),
                broken("journey", "a variant without its edge", g -> withoutEdge(g, "split", "coupon20"), "nodes.split",
                        "flow.graph.variantWithoutEdge"),
                broken("journey", "a join that waits for one branch", g -> withoutEdge(withoutNode(g, "notify"), "parallel",
                        "notify"), "nodes.join", "flow.graph.joinNeedsBranches"),
                broken("journey", "branches that meet apart", g -> plus(withoutEdge(g, "notify", "join"),
                        node("join2", "join", Map.of()), edge("notify", "join2", null)), "nodes.parallel",
                        "flow.graph.branchesMeetApart"),
                broken("journey", "a join without a split", g -> plus(g, node("lonely", "join", Map.of()),
                        edge("coupon10", "lonely", null)), "nodes.lonely", "flow.graph.joinWithoutSplit"),
                broken("journey", "a loop that never waits", g -> plusEdge(withoutEdge(g, "coupon10", "parallel"),
                        edge("coupon10", "repurchased", null)), "nodes.repurchased", "flow.graph.cycleWithoutWait"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("brokenGraphs")
    void aBrokenGraphIsRefusedWithTheNodeOrEdgeToFix(String fixture, String what, UnaryOperator<FlowGraph> breakIt,
            String field, String code) {
        FlowGraph graph = breakIt.apply(fixture(fixture.equals("approval") ? "countersign-approval" : "new-customer-journey"));
        List<GraphProblem> problems = validator.validate(graph);
        assertTrue(problems.stream().anyMatch(p -> p.field().equals(field) && p.code().equals(code)),
                what + ": expected " + field + " " + code + ", got " + problems);
    }

    @Test
    void everyProblemFoundHasItsMessageInBothLanguages() throws Exception {
        java.util.Set<String> codes = new java.util.TreeSet<>();
        brokenGraphs().forEach(a -> {
            Object[] args = a.get();
            @SuppressWarnings("unchecked")
            UnaryOperator<FlowGraph> breakIt = (UnaryOperator<FlowGraph>) args[2];
            FlowGraph graph = breakIt.apply(fixture(args[0].equals("approval") ? "countersign-approval" : "new-customer-journey"));
            validator.validate(graph).forEach(p -> codes.add(p.code()));
        });
        for (String language : List.of("zh_CN", "en")) {
            java.util.Properties messages = new java.util.Properties();
            try (InputStream in = getClass().getResourceAsStream("/META-INF/qiaoban/messages_" + language + ".properties")) {
                messages.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            List<String> missing = codes.stream().filter(c -> !messages.containsKey("field." + c)).toList();
            assertEquals(List.of(), missing, language);
        }
        assertTrue(codes.size() >= 25, "the broken graphs should exercise most problems: " + codes);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        FlowGraph graph = plus(withoutEdge(fixture("countersign-approval"), "approved", "done"),
                node("orphan", "action", Map.of()), edge("orphan", "done", null));
        List<String> found = validator.validate(graph).stream().map(GraphProblem::toString).toList();
        assertTrue(found.containsAll(List.of("nodes.approved: flow.graph.noWayToEnd", "nodes.orphan: flow.graph.unreachable",
                "nodes.orphan: flow.config.action")), found.toString());
    }

    @Test
    void anOversizedGraphIsRefusedBeforeItIsWalked() {
        List<FlowNode> many = new ArrayList<>();
        for (int i = 0; i <= FlowGraphValidator.MAX_NODES; i++) {
            many.add(FlowNode.of("n" + i, "action", null));
        }
        assertEquals("flow.graph.tooBig", validator.validate(new FlowGraph(many, List.of())).get(0).code());
    }

    // --- small graph surgery, so each case says what it breaks

    static Arguments broken(String fixture, String what, UnaryOperator<FlowGraph> breakIt, String field, String code) {
        return Arguments.of(fixture, what, breakIt, field, code);
    }

    static FlowNode node(String id, String type, Map<String, Object> config) {
        return FlowNode.of(id, type, JSON.valueToTree(config));
    }

    static FlowEdge edge(String from, String to, String when) {
        return new FlowEdge(from, to, when);
    }

    static FlowGraph plus(FlowGraph g, FlowNode node, FlowEdge... edges) {
        List<FlowNode> nodes = new ArrayList<>(g.nodes());
        nodes.add(node);
        List<FlowEdge> all = new ArrayList<>(g.edges());
        all.addAll(List.of(edges));
        return new FlowGraph(nodes, all);
    }

    static FlowGraph plusEdge(FlowGraph g, FlowEdge edge) {
        List<FlowEdge> all = new ArrayList<>(g.edges());
        all.add(edge);
        return new FlowGraph(g.nodes(), all);
    }

    static FlowGraph withoutNode(FlowGraph g, String id) {
        return new FlowGraph(g.nodes().stream().filter(n -> !n.id().equals(id)).toList(),
                g.edges().stream().filter(e -> !e.from().equals(id) && !e.to().equals(id)).toList());
    }

    static FlowGraph withoutEdge(FlowGraph g, String from, String to) {
        return new FlowGraph(g.nodes(), g.edges().stream().filter(e -> !(e.from().equals(from) && e.to().equals(to))).toList());
    }

    static FlowGraph replaceNode(FlowGraph g, FlowNode node) {
        return new FlowGraph(g.nodes().stream().map(n -> n.id().equals(node.id()) ? node : n).toList(), g.edges());
    }

    static ObjectNode config(Map<String, Object> values) {
        return JSON.valueToTree(values);
    }
}
