package io.cipherocto.devkit.containers;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The migration {@link PostgresContainerIT} applies: the same shape as the modules' SQL migrations (its own schema, a
 * table, an index), as a Java migration because devkit carries no module's {@code db/migration} resources. Flyway
 * reads version 1 and the description from the class name.
 */
public final class V1__containers_probe extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("create schema if not exists containers_probe");
            s.execute("create table containers_probe.events (id bigserial primary key, block_number bigint not null,"
                    + " payload jsonb not null, created_at timestamptz not null default now())");
            s.execute("create index on containers_probe.events (block_number)");
        }
    }
}
