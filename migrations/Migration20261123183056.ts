import { Migration } from '@mikro-orm/migrations';

export class Migration20261123183056 extends Migration {

  override name = 'Migration20261123183056';

  override up(): void | Promise<void> {
    this.addSql(`create table "server_subscription" ("id" varchar(255) not null, "user_id" varchar(255) not null, "server_id" varchar(255) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "server_subscription" add constraint "server_subscription_user_id_server_id_unique" unique ("user_id", "server_id");`);

    this.addSql(`alter table "server_subscription" add constraint "server_subscription_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
    this.addSql(`alter table "server_subscription" add constraint "server_subscription_server_id_foreign" foreign key ("server_id") references "mcp_server" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "server_subscription" cascade;`);
  }

}
