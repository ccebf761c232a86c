package io.qiaoban.core.role;

import java.util.Arrays;
import java.util.Optional;

/** What a role may do in its workspace. Keys are stable: they are stored in roles and packages. */
public enum Permission {
    WORKSPACE_MANAGE("workspace.manage", "workspace"),
    APP_VIEW("app.view", "app"),
    APP_MANAGE("app.manage", "app"),
    /** What flows sent (recipients, bodies) and who unsubscribed: customers' data beyond any one form's permissions. */
    MESSAGE_READ("message.read", "app"),
    RECORD_CREATE("record.create", "record"),
    RECORD_EDIT("record.edit", "record"),
    RECORD_DELETE("record.delete", "record"),
    MEMBER_VIEW("member.view", "member"),
    MEMBER_MANAGE("member.manage", "member"),
    ROLE_MANAGE("role.manage", "member"),
    AUDIT_READ("audit.read", "audit");

    private final String key;
    private final String group;

    Permission(String key, String group) {
        this.key = key;
        this.group = group;
    }

    public String key() {
        return key;
    }

    public String group() {
        return group;
    }

    public static Optional<Permission> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }
}
