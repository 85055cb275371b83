/**
 * What the roles share about PostgreSQL: {@link io.cipherocto.platform.db.LockScope}, every advisory lock's scope and
 * the one way its key is derived.
 */
package io.cipherocto.platform.db;
