package io.qiaoban.web;

import io.qiaoban.core.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Every test of the application runs against {@link PostgresResource}'s database. */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
public class TestDatabase {
}
