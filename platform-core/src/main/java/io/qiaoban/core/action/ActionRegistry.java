package io.qiaoban.core.action;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every {@link Action} bean of the application by key. Two actions with one key fail start-up. */
@ApplicationScoped
public class ActionRegistry {
    private final Map<String, Action> actions = new TreeMap<>();

    ActionRegistry(@All List<Action> beans) {
        for (Action action : beans) {
            Action previous = actions.put(action.key(), action);
            if (previous != null) {
                throw new IllegalStateException("Two actions with key '" + action.key() + "': "
                        + previous.getClass().getName() + " and " + action.getClass().getName());
            }
        }
    }

    public Optional<Action> find(String key) {
        return Optional.ofNullable(actions.get(key));
    }

    public Collection<Action> all() {
        return actions.values();
    }
}
