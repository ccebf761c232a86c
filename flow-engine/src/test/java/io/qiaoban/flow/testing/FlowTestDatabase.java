package io.qiaoban.flow.testing;

import io.qiaoban.core.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Registers the real PostgreSQL for every @QuarkusTest of flow-engine. */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
public class FlowTestDatabase {
}
