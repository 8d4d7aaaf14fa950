import { Migration } from '@mikro-orm/migrations';

export class Migration20261202223048 extends Migration {

  override name = 'Migration20261202223048';

  override up(): void | Promise<void> {
    this.addSql(`create table "deployment_operation" ("id" varchar(255) not null, "server_id" varchar(255) not null, "kind" text not null, "status" text not null, "environment" varchar(255) not null default 'prod', "requested_by" varchar(255) null, "created_at" timestamptz not null, "finished_at" timestamptz null, "error" text null, "details" jsonb null, primary key ("id"));`);
    this.addSql(`create index "deployment_operation_server_id_created_at_index" on "deployment_operation" ("server_id", "created_at");`);

    this.addSql(`alter table "deployment_operation" add constraint "deployment_operation_server_id_foreign" foreign key ("server_id") references "mcp_server" ("id") on delete cascade;`);
    this.addSql(`alter table "deployment_operation" add constraint "deployment_operation_kind_check" check ("kind" in ('validate', 'publish', 'archive', 'hosting_check'));`);
    this.addSql(`alter table "deployment_operation" add constraint "deployment_operation_status_check" check ("status" in ('running', 'succeeded', 'failed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "deployment_operation" cascade;`);
  }

}
