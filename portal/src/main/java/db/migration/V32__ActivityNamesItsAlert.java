package db.migration;

import dev.rampart.portal.incidents.ActivityAlertColumn;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Records which alert an incident activity entry is about; see {@link ActivityAlertColumn}. */
public class V32__ActivityNamesItsAlert extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        ActivityAlertColumn.migrate(context.getConnection());
    }
}
