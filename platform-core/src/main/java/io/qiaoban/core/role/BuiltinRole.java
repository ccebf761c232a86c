package io.qiaoban.core.role;

import java.util.Arrays;
import java.util.List;

/** The roles every new workspace starts with. The owner role always holds every permission. */
public enum BuiltinRole {
    OWNER("owner", "所有者", Arrays.stream(Permission.values()).map(Permission::key).toList()),
    BUILDER("builder", "搭建者", List.of("app.view", "app.manage", "message.read", "record.create", "record.edit", "record.delete", "member.view")),
    MEMBER("member", "成员", List.of("app.view", "record.create", "record.edit", "member.view")),
    VIEWER("viewer", "只读", List.of("app.view"));

    private final String key;
    private final String defaultName;
    private final List<String> permissions;

    BuiltinRole(String key, String defaultName, List<String> permissions) {
        this.key = key;
        this.defaultName = defaultName;
        this.permissions = permissions;
    }

    public String key() {
        return key;
    }

    public String defaultName() {
        return defaultName;
    }

    public List<String> permissions() {
        return permissions;
    }
}
