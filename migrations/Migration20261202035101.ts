import { Migration } from '@mikro-orm/migrations';

export class Migration20261202035101 extends Migration {

  override name = 'Migration20261202035101';

  override up(): void | Promise<void> {
    this.addSql(`create table "toolset" ("id" varchar(255) not null, "org_id" varchar(255) not null, "name" varchar(255) not null, "description" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "toolset" add constraint "toolset_org_id_name_unique" unique ("org_id", "name");`);

    this.addSql(`create table "toolset_server" ("id" varchar(255) not null, "toolset_id" varchar(255) not null, "server_id" varchar(255) not null, "tools" jsonb null, "description" text null, "input_guardrails" jsonb not null, "output_guardrails" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "toolset_server" add constraint "toolset_server_toolset_id_server_id_unique" unique ("toolset_id", "server_id");`);

    this.addSql(`alter table "agent" add "toolset_id" varchar(255) null;`);
    this.addSql(`alter table "agent" add constraint "agent_toolset_id_foreign" foreign key ("toolset_id") references "toolset" ("id") on delete set null;`);

    this.addSql(`alter table "toolset" add constraint "toolset_org_id_foreign" foreign key ("org_id") references "organization" ("id") on delete cascade;`);

    this.addSql(`alter table "toolset_server" add constraint "toolset_server_toolset_id_foreign" foreign key ("toolset_id") references "toolset" ("id") on delete cascade;`);
    this.addSql(`alter table "toolset_server" add constraint "toolset_server_server_id_foreign" foreign key ("server_id") references "mcp_server" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "agent" drop constraint "agent_toolset_id_foreign";`);
    this.addSql(`alter table "toolset_server" drop constraint "toolset_server_toolset_id_foreign";`);

    this.addSql(`drop table if exists "toolset" cascade;`);
    this.addSql(`drop table if exists "toolset_server" cascade;`);

    this.addSql(`alter table "agent" drop column "toolset_id";`);
  }

}
