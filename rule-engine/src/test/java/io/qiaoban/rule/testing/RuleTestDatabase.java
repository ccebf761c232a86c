package io.qiaoban.rule.testing;

import io.qiaoban.core.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Registers the real PostgreSQL for every @QuarkusTest of rule-engine. */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
public class RuleTestDatabase {
}
