package io.qiaoban.core.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One engine's part of an app package ("forms", "flows", "rules", "dashboards", "connectors").
 * Export writes what the app holds, without secrets; import is called inside the package's one
 * transaction and must be idempotent: importing the same content twice changes nothing, and a newer
 * version updates in place, keeping records.
 */
public interface PackageSection {
    /** The key of this section in the package JSON, e.g. "forms". */
    String key();

    /** Sections this one refers to, imported first (rules refer to forms, for instance). */
    default List<String> dependsOn() {
        return List.of();
    }

    JsonNode export(PackageContext context);

    void importSection(PackageContext context, JsonNode section);
}
