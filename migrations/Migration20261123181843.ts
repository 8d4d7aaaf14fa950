import { Migration } from '@mikro-orm/migrations';

export class Migration20261123181843 extends Migration {

  override name = 'Migration20261123181843';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_event" add "changes_access" boolean not null default false;`);
    this.addSql(`create or replace function "audit_event_append_fn"() returns trigger as \$\$ begin perform pg_advisory_xact_lock(7304118229401633537); perform pg_notify('switchboard', 'audit'); return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "append" BEFORE INSERT on "audit_event" for each STATEMENT execute function "audit_event_append_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "append" on "audit_event";`);
    this.addSql(`drop function if exists "audit_event_append_fn"();`);
    this.addSql(`alter table "audit_event" drop column "changes_access";`);
  }

}
