package db.migration;

import dev.rampart.portal.incidents.EvidenceOnAlertRow;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Moves what an alert shows of its evidence onto the alert row; see {@link EvidenceOnAlertRow}. */
public class V31__EvidenceOnAlertRow extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        EvidenceOnAlertRow.migrate(context.getConnection());
    }
}
