import { Migration } from '@mikro-orm/migrations';

export class Migration20261203064343 extends Migration {

  override name = 'Migration20261203064343';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_event" drop constraint "audit_event_status_check";`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_status_check" check ("status" in ('success', 'failure', 'denied', 'error', 'cancelled'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "audit_event" drop constraint "audit_event_status_check";`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_status_check" check ("status" in ('success', 'failure', 'denied', 'error'));`);
  }

}
