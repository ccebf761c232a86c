package io.qiaoban.bench.bare;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The one entity of the reference app. */
@Entity
@Table(name = "bench_bare_note")
public class Note extends PanacheEntity {
    public String text;
}
