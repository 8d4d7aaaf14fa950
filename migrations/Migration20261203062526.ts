import { Migration } from '@mikro-orm/migrations';

export class Migration20261203062526 extends Migration {

  override name = 'Migration20261203062526';

  override up(): void | Promise<void> {
    this.addSql(`create table "deployment" ("id" varchar(255) not null, "server_id" varchar(255) not null, "environment" varchar(255) not null default 'prod', "status" text not null default 'draft', "call_timeout_ms" int null, "idle_stop_seconds" int null, "sealed_env" text null, "env_names" jsonb not null default '[]', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "deployment" add constraint "deployment_server_id_environment_unique" unique ("server_id", "environment");`);

    this.addSql(`create table "deployment_change" ("seq" bigserial primary key, "deployment_id" varchar(255) not null, "status" text not null, "message" text null, "instance_id" varchar(255) not null, "user_id" varchar(255) null, "at" timestamptz not null);`);
    this.addSql(`create index "deployment_change_deployment_id_seq_index" on "deployment_change" ("deployment_id", "seq");`);

    this.addSql(`alter table "deployment_operation" drop constraint "deployment_operation_kind_check";`);
    this.addSql(`alter table "deployment_operation" add constraint "deployment_operation_kind_check" check ("kind" in ('validate', 'publish', 'archive', 'hosting_check', 'restart', 'stop'));`);

    this.addSql(`alter table "deployment" add constraint "deployment_server_id_foreign" foreign key ("server_id") references "mcp_server" ("id") on delete cascade;`);
    this.addSql(`alter table "deployment" add constraint "deployment_status_check" check ("status" in ('draft', 'running', 'failed', 'stopped'));`);

    this.addSql(`alter table "deployment_change" add constraint "deployment_change_deployment_id_foreign" foreign key ("deployment_id") references "deployment" ("id") on delete cascade;`);
    this.addSql(`alter table "deployment_change" add constraint "deployment_change_status_check" check ("status" in ('validating', 'starting', 'running', 'failed', 'stopped'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "deployment_change" drop constraint "deployment_change_deployment_id_foreign";`);

    this.addSql(`drop table if exists "deployment" cascade;`);
    this.addSql(`drop table if exists "deployment_change" cascade;`);

    this.addSql(`alter table "deployment_operation" drop constraint "deployment_operation_kind_check";`);
    this.addSql(`alter table "deployment_operation" add constraint "deployment_operation_kind_check" check ("kind" in ('validate', 'publish', 'archive', 'hosting_check'));`);
  }

}
