import { Migration } from '@mikro-orm/migrations';

export class Migration20261202220000 extends Migration {

  override name = 'Migration20261202220000';

  override up(): void | Promise<void> {
    this.addSql(`create table "setting" ("key" varchar(255) not null, "value" jsonb not null, "updated_at" timestamptz not null, "updated_by" varchar(255) null, primary key ("key"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "setting" cascade;`);
  }

}
