package io.qiaoban.flow.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.event.DomainEvent;
import io.qiaoban.core.event.DomainEventSubscriber;
import io.qiaoban.core.event.PublishEventAction;
import io.qiaoban.flow.definition.FlowRepository;
import io.qiaoban.flow.graph.FlowGoal;
import io.qiaoban.flow.graph.FlowNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Flows hear domain events through the outbox, at least once: an event starts each published flow
 * whose trigger it matches (once per flow and event, whatever the redeliveries), and moves on the
 * steps waiting for it for the same customer ("this customer ordered again"). Runs in the delivery's
 * transaction; the started instances run on in their own jobs.
 */
@ApplicationScoped
public class FlowTriggers implements DomainEventSubscriber {
    private static final Logger LOG = Logger.getLogger(FlowTriggers.class);
    /** Flows whose actions raise the events that start them would loop: the chain stops here, as rules' do. */
    static final int MAX_CHAIN_DEPTH = 8;
    private static final int MAX_RESUMED_PER_EVENT = 1000;

    private final FlowRepository flows;
    private final InstanceRepository instances;
    private final FlowEngine engine;
    private final FlowEventTypes types;
    private final Clock clock;

    FlowTriggers(FlowRepository flows, InstanceRepository instances, FlowEngine engine, FlowEventTypes types, Clock clock) {
        this.flows = flows;
        this.instances = instances;
        this.engine = engine;
        this.types = types;
        this.clock = clock;
    }

    @Override
    public String key() {
        return "flow-engine.flows";
    }

    @Override
    public boolean accepts(String eventType) {
        return types.contains(eventType);
    }

    @Override
    public void handle(DomainEvent event) {
        try {
            // goals first: a customer who reached the goal leaves before any wait of theirs moves on
            reachGoals(event);
            // waits before starts: the event that starts an instance is not one its waits are waiting for
            resumeWaits(event);
            start(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void start(DomainEvent event) throws Exception {
        Map<String, Object> payload = event.payload() == null ? Map.of() : event.payload();
        int depth = payload.get(PublishEventAction.CHAIN_DEPTH) instanceof Number n ? n.intValue() : 0;
        List<String> kinds = switch (event.type()) {
            case "record.created" -> List.of("record.created", "event");
            case "record.updated" -> List.of("record.updated", "field.changed", "event");
            default -> List.of("event");
        };
        for (FlowRepository.Published flow : flows.publishedListeningTo(event.workspaceId(), kinds)) {
            Optional<FlowNode> trigger = new RunnableGraph(flow.graph()).trigger();
            if (trigger.isEmpty() || !matches(trigger.get().config(), flow, event, payload)) {
                continue;
            }
            if (depth >= MAX_CHAIN_DEPTH) {
                LOG.warnf("Flow %s not started by event %d: %d automated steps led to it", flow.flowId(), event.id(), depth);
                continue;
            }
            String form = text(payload.get("form"));
            UUID record = uuid(payload.get("recordId"));
            String customerField = trigger.get().config().path("customerField").asText("");
            String customer = customerField.isEmpty() ? (record == null ? event.aggregateId() : record.toString())
                    : Waits.customerOf("||" + customerField, event.aggregateId(), payload);
            engine.start(new FlowEngine.Start(flow, "event:" + event.id(), record == null ? null : form, record, customer, null,
                    depth));
        }
    }

    static boolean matches(JsonNode trigger, FlowRepository.Published flow, DomainEvent event, Map<String, Object> payload) {
        String on = trigger.path("on").asText();
        String form = trigger.path("form").asText("");
        boolean sameApp = payload.get("app") == null || Objects.equals(payload.get("app"), flow.appId().toString());
        boolean formMatches = form.isEmpty() || form.equals(text(payload.get("form")));
        return switch (on) {
            case "record.created", "record.updated" -> on.equals(event.type()) && sameApp && formMatches;
            case "field.changed" -> "record.updated".equals(event.type()) && sameApp && formMatches
                    && payload.get("changed") instanceof Collection<?> changed && changed.contains(trigger.path("field").asText());
            case "event" -> trigger.path("event").asText().equals(event.type()) && sameApp;
            default -> false;
        };
    }

    /**
     * Counts the goal reached for the customer's instances that watch it (began before the event,
     * within their window); those still running leave the journey at once.
     */
    private void reachGoals(DomainEvent event) throws Exception {
        Map<String, Object> payload = event.payload() == null ? Map.of() : event.payload();
        String form = text(payload.get("form"));
        for (FlowGoal goal : flows.goalsReachedBy(event.workspaceId(), event.type())) {
            if (goal.form() != null && !goal.form().isEmpty() && !goal.form().equals(form)) {
                continue;
            }
            String key = Waits.awaitKey(goal.event(), goal.form() == null ? "" : goal.form(), goal.match() == null ? "" : goal.match());
            String customer = Waits.customerOf(key, event.aggregateId(), payload);
            if (customer == null) {
                continue;
            }
            for (InstanceRepository.GoalReached reached : instances.reachGoal(event.workspaceId(), uuid(payload.get("app")), key,
                    customer, event.occurredAt(), clock.instant())) {
                if (!reached.running()) {
                    continue;
                }
                Optional<FlowInstance> locked = instances.lock(reached.instanceId());
                if (locked.isPresent() && locked.get().running()) {
                    engine.goalReached(locked.get());
                }
            }
        }
    }

    private void resumeWaits(DomainEvent event) throws Exception {
        Map<String, Object> payload = event.payload() == null ? Map.of() : event.payload();
        String form = text(payload.get("form"));
        for (String key : instances.awaitedKeys(event.type() + "|")) {
            String[] parts = key.split("\\|", -1);
            if (!parts[1].isEmpty() && !parts[1].equals(form)) {
                continue;
            }
            String customer = Waits.customerOf(key, event.aggregateId(), payload);
            if (customer == null) {
                continue;
            }
            // only waits that began before the event happened: an older order delivered late is not "ordered again"
            for (InstanceRepository.Awaiting waiting : new ArrayList<>(instances.awaitingEvent(key, customer, event.occurredAt(),
                    MAX_RESUMED_PER_EVENT))) {
                Optional<FlowInstance> locked = instances.lock(waiting.instanceId());
                Optional<FlowStep> step = instances.step(waiting.instanceId(), waiting.stepId());
                // under the lock: the timeout may have moved it on meanwhile
                if (locked.isPresent() && locked.get().running() && step.isPresent() && step.get().state() == StepState.WAITING) {
                    engine.resume(locked.get(), step.get(), "event", null);
                }
            }
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static UUID uuid(Object value) {
        try {
            return value == null ? null : UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
