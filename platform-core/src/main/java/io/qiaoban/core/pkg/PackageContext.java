package io.qiaoban.core.pkg;

import java.util.UUID;

/** The app a package section is exported from or imported into. */
public record PackageContext(UUID workspaceId, UUID appId, String packageKey, String packageVersion) {
}
