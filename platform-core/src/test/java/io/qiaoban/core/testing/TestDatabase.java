package io.qiaoban.core.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link PostgresResource} for every @QuarkusTest of the module. */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
public class TestDatabase {
}
