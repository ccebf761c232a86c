package io.qiaoban.bench;

import io.qiaoban.core.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;

/** The smoke runs use the test database of the build. */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
public class TestDatabase {
}
