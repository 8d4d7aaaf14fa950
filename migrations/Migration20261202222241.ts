import { Migration } from '@mikro-orm/migrations';

export class Migration20261202222241 extends Migration {

  override name = 'Migration20261202222241';

  override up(): void | Promise<void> {
    this.addSql(`create table "runtime_log" ("seq" bigserial primary key, "server_id" varchar(255) not null, "user_id" varchar(255) null, "instance_id" varchar(255) not null, "at" timestamptz not null, "line" text not null);`);
    this.addSql(`create index "runtime_log_server_id_seq_index" on "runtime_log" ("server_id", "seq");`);

    this.addSql(`alter table "runtime_log" add constraint "runtime_log_server_id_foreign" foreign key ("server_id") references "mcp_server" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "runtime_log" cascade;`);
  }

}
