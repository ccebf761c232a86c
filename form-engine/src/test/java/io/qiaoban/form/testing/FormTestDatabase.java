package io.qiaoban.form.testing;

import io.qiaoban.core.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Registers the real PostgreSQL for every @QuarkusTest of form-engine. */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
public class FormTestDatabase {
}
