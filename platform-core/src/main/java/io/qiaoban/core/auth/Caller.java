package io.qiaoban.core.auth;

import java.util.UUID;

/** The authenticated user behind a request. */
public record Caller(UUID id, String username, String displayName, boolean platformAdmin, boolean mustChangePassword) {
}
