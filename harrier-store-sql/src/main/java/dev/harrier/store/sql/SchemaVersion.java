package dev.harrier.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The newest schema migration this build ships, and a cheap check of whether a database already has it.
 *
 * <p>Flyway's full start-up (scanning, validating checksums) costs about half a second, which every CLI command on
 * an embedded case would pay. When the history table says the newest migration was applied successfully, opening
 * skips Flyway; otherwise Flyway runs as usual (creating, migrating, validating). A test keeps {@link #LATEST} in
 * step with the migration files.
 */
final class SchemaVersion {
    /** The version of the newest file in {@code db/migration/<dialect>/}. */
    static final int LATEST = 2;

    private SchemaVersion() {}

    /** Whether the database has every migration up to {@link #LATEST} applied successfully. */
    static boolean isCurrent(DataSource ds) {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL")) {
            int max = 0;
            while (rs.next()) {
                try {
                    max = Math.max(max, Integer.parseInt(rs.getString(1).trim()));
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return max == LATEST;
        } catch (SQLException e) {
            return false; // no history table yet: a new database
        }
    }
}
