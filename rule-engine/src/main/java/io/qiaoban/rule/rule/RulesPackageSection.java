package io.qiaoban.rule.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.qiaoban.core.pkg.PackageContext;
import io.qiaoban.core.pkg.PackageSection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The "rules" section of an app package: each rule's published definition (its draft if never
 * published) and whether it is enabled. Import matches rules by name: a new rule is created and
 * published, a changed one gets a new published version, an identical one is left alone, so
 * importing the same package twice changes nothing. Rules are checked like any save.
 */
@ApplicationScoped
public class RulesPackageSection implements PackageSection {
    private final RuleRepository rules;
    private final RuleValidator validator;
    private final RuleSchedule schedule;
    private final ListenedEventTypes listened;
    private final ObjectMapper json;
    private final Clock clock;

    RulesPackageSection(RuleRepository rules, RuleValidator validator, RuleSchedule schedule, ListenedEventTypes listened,
            ObjectMapper json, Clock clock) {
        this.rules = rules;
        this.listened = listened;
        this.validator = validator;
        this.schedule = schedule;
        this.json = json;
        this.clock = clock;
    }

    /** One rule in a package. */
    public record PackagedRule(RuleDefinition definition, boolean enabled) {
    }

    @Override
    public String key() {
        return "rules";
    }

    @Override
    public JsonNode export(PackageContext context) {
        try {
            ArrayNode out = json.createArrayNode();
            for (StoredRule rule : rules.list(context.workspaceId(), context.appId())) {
                RuleDefinition definition = rule.publishedVersion() == null ? rule.draft()
                        : rules.versions(context.workspaceId(), rule.id()).stream()
                                .filter(v -> v.version() == rule.publishedVersion()).findFirst()
                                .map(RuleRepository.Version::definition).orElse(rule.draft());
                out.add(json.valueToTree(new PackagedRule(definition, rule.enabled())));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void importSection(PackageContext context, JsonNode section) {
        try {
            Map<String, StoredRule> existing = rules.list(context.workspaceId(), context.appId()).stream()
                    .collect(Collectors.toMap(r -> r.draft().name().toLowerCase(java.util.Locale.ROOT), Function.identity()));
            for (JsonNode node : section) {
                PackagedRule packaged = json.treeToValue(node, PackagedRule.class);
                RuleDefinition definition = validator.validate(packaged.definition());
                StoredRule current = existing.get(definition.name().toLowerCase(java.util.Locale.ROOT));
                if (current == null) {
                    StoredRule created = new StoredRule(UUID.randomUUID(), context.workspaceId(), context.appId(), definition,
                            1, null, false, clock.instant());
                    rules.insert(created, null, clock.instant());
                    rules.publish(created, null, clock.instant());
                    if (packaged.enabled()) {
                        rules.setEnabled(context.workspaceId(), created.id(), true, clock.instant());
                        schedule.arrange(created);
                    }
                } else if (!definition.equals(current.draft()) || current.publishedVersion() == null
                        || current.publishedVersion() != current.draftVersion()) {
                    if (!definition.equals(current.draft())) {
                        rules.updateDraft(context.workspaceId(), current.id(), current.draftVersion(), definition, null,
                                clock.instant());
                    }
                    StoredRule updated = rules.find(context.workspaceId(), context.appId(), current.id(), true).orElseThrow();
                    rules.publish(updated, null, clock.instant());
                    schedule.arrange(updated);
                }
            }
            listened.changed();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
