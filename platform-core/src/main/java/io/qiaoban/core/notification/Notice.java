package io.qiaoban.core.notification;

import java.util.List;
import java.util.UUID;

/**
 * A notice to send: to whom in which workspace, what ({@code kind}, a message key whose ".title" and
 * ".body" texts take {@code args}), where it leads in the UI ({@code link}, an app path), and its
 * {@code cause}: one notice per cause, however often it is sent.
 */
public record Notice(UUID workspaceId, UUID userId, String kind, List<String> args, String link, String cause) {
    public Notice {
        args = args == null ? List.of() : List.copyOf(args);
    }
}
