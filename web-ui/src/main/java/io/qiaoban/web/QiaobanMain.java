package io.qiaoban.web;

import io.qiaoban.core.db.EmbeddedPostgres;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

/**
 * Starts Qiaoban. Without QIAOBAN_DB_URL it first starts the embedded PostgreSQL with its data under
 * ./data (or QIAOBAN_DATA_DIR), so that a newcomer needs no database of their own.
 */
@QuarkusMain
public class QiaobanMain {
    public static void main(String... args) {
        EmbeddedPostgres.startForApplicationIfUnconfigured(Path.of("data"), "qiaoban");
        Quarkus.run(args);
    }
}
