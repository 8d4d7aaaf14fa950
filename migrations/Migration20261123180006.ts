import { Migration } from '@mikro-orm/migrations';

export class Migration20261123180006 extends Migration {

  override name = 'Migration20261123180006';

  override up(): void | Promise<void> {
    this.addSql(`create table "mcp_server" ("id" varchar(255) not null, "org_id" varchar(255) not null, "name" varchar(255) not null, "display_name" varchar(255) null, "description" text null, "tags" jsonb not null, "transport" text not null, "command" varchar(255) null, "args" jsonb not null, "url" text null, "sealed_secrets" text null, "env_names" jsonb not null, "header_names" jsonb not null, "env_schema" jsonb not null, "isolation" text not null default 'shared', "status" text not null default 'draft', "killed_at" timestamptz null, "kill_reason" text null, "killed_by" varchar(255) null, "total_invocations" bigint not null default '0', "validated_at" timestamptz null, "validation_error" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "mcp_server" add constraint "mcp_server_org_id_name_unique" unique ("org_id", "name");`);

    this.addSql(`create table "user_group" ("id" varchar(255) not null, "org_id" varchar(255) not null, "name" varchar(255) not null, "description" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "user_group" add constraint "user_group_org_id_name_unique" unique ("org_id", "name");`);

    this.addSql(`create table "group_server" ("group_id" varchar(255) not null, "mcp_server_id" varchar(255) not null, primary key ("group_id", "mcp_server_id"));`);

    this.addSql(`create table "agent" ("id" varchar(255) not null, "org_id" varchar(255) not null, "name" varchar(255) not null, "description" text null, "allow_list" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "agent" add constraint "agent_org_id_name_unique" unique ("org_id", "name");`);

    this.addSql(`create table "tool" ("id" varchar(255) not null, "server_id" varchar(255) not null, "name" varchar(255) not null, "title" varchar(255) null, "description" text null, "input_schema" jsonb not null, "output_schema" jsonb null, "annotations" jsonb null, "display_name" varchar(255) null, "description_override" text null, "instructions" text null, "when_to_use" text null, "when_not_to_use" text null, "enabled" boolean not null default true, "killed_at" timestamptz null, "kill_reason" text null, "killed_by" varchar(255) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "tool" add constraint "tool_server_id_name_unique" unique ("server_id", "name");`);

    this.addSql(`create table "group_member" ("group_id" varchar(255) not null, "user_id" varchar(255) not null, primary key ("group_id", "user_id"));`);

    this.addSql(`create table "user_server_secret" ("id" varchar(255) not null, "user_id" varchar(255) not null, "server_id" varchar(255) not null, "sealed_values" text not null, "names" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "user_server_secret" add constraint "user_server_secret_user_id_server_id_unique" unique ("user_id", "server_id");`);

    this.addSql(`alter table "credential" drop constraint "credential_kind_check";`);
    this.addSql(`alter table "credential" add "agent_id" varchar(255) null;`);
    this.addSql(`alter table "credential" add constraint "credential_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on delete cascade;`);
    this.addSql(`alter table "credential" add constraint "credential_kind_check" check ("kind" in ('session', 'api_token', 'agent_token'));`);

    this.addSql(`alter table "mcp_server" add constraint "mcp_server_org_id_foreign" foreign key ("org_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "mcp_server" add constraint "mcp_server_transport_check" check ("transport" in ('stdio', 'streamable_http', 'sse'));`);
    this.addSql(`alter table "mcp_server" add constraint "mcp_server_isolation_check" check ("isolation" in ('shared', 'per_user'));`);
    this.addSql(`alter table "mcp_server" add constraint "mcp_server_status_check" check ("status" in ('draft', 'validated', 'published', 'archived'));`);

    this.addSql(`alter table "user_group" add constraint "user_group_org_id_foreign" foreign key ("org_id") references "organization" ("id") on delete cascade;`);

    this.addSql(`alter table "group_server" add constraint "group_server_group_id_foreign" foreign key ("group_id") references "user_group" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "group_server" add constraint "group_server_mcp_server_id_foreign" foreign key ("mcp_server_id") references "mcp_server" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "agent" add constraint "agent_org_id_foreign" foreign key ("org_id") references "organization" ("id") on delete cascade;`);

    this.addSql(`alter table "tool" add constraint "tool_server_id_foreign" foreign key ("server_id") references "mcp_server" ("id") on delete cascade;`);

    this.addSql(`alter table "group_member" add constraint "group_member_group_id_foreign" foreign key ("group_id") references "user_group" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "group_member" add constraint "group_member_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "user_server_secret" add constraint "user_server_secret_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
    this.addSql(`alter table "user_server_secret" add constraint "user_server_secret_server_id_foreign" foreign key ("server_id") references "mcp_server" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "group_server" drop constraint "group_server_mcp_server_id_foreign";`);
    this.addSql(`alter table "tool" drop constraint "tool_server_id_foreign";`);
    this.addSql(`alter table "user_server_secret" drop constraint "user_server_secret_server_id_foreign";`);
    this.addSql(`alter table "group_server" drop constraint "group_server_group_id_foreign";`);
    this.addSql(`alter table "group_member" drop constraint "group_member_group_id_foreign";`);
    this.addSql(`alter table "credential" drop constraint "credential_agent_id_foreign";`);

    this.addSql(`drop table if exists "mcp_server" cascade;`);
    this.addSql(`drop table if exists "user_group" cascade;`);
    this.addSql(`drop table if exists "group_server" cascade;`);
    this.addSql(`drop table if exists "agent" cascade;`);
    this.addSql(`drop table if exists "tool" cascade;`);
    this.addSql(`drop table if exists "group_member" cascade;`);
    this.addSql(`drop table if exists "user_server_secret" cascade;`);

    this.addSql(`alter table "credential" drop constraint "credential_kind_check";`);
    this.addSql(`alter table "credential" drop column "agent_id";`);
    this.addSql(`alter table "credential" add constraint "credential_kind_check" check ("kind" in ('session', 'api_token'));`);
  }

}
