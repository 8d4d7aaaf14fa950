import { Migration } from '@mikro-orm/migrations';

export class Migration20261202055430 extends Migration {

  override name = 'Migration20261202055430';

  override up(): void | Promise<void> {
    this.addSql(`create table "project" ("id" varchar(255) not null, "org_id" varchar(255) not null, "name" varchar(255) not null, "description" text null, "toolset_id" varchar(255) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "project" add constraint "project_org_id_name_unique" unique ("org_id", "name");`);

    this.addSql(`create table "project_member" ("id" varchar(255) not null, "project_id" varchar(255) not null, "user_id" varchar(255) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "project_member" add constraint "project_member_project_id_user_id_unique" unique ("project_id", "user_id");`);

    this.addSql(`alter table "credential" add "project_id" varchar(255) null;`);
    this.addSql(`alter table "credential" add constraint "credential_project_id_foreign" foreign key ("project_id") references "project" ("id") on delete cascade;`);

    this.addSql(`alter table "project" add constraint "project_org_id_foreign" foreign key ("org_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "project" add constraint "project_toolset_id_foreign" foreign key ("toolset_id") references "toolset" ("id") on delete set null;`);

    this.addSql(`alter table "project_member" add constraint "project_member_project_id_foreign" foreign key ("project_id") references "project" ("id") on delete cascade;`);
    this.addSql(`alter table "project_member" add constraint "project_member_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "project_member" drop constraint "project_member_project_id_foreign";`);
    this.addSql(`alter table "credential" drop constraint "credential_project_id_foreign";`);

    this.addSql(`drop table if exists "project" cascade;`);
    this.addSql(`drop table if exists "project_member" cascade;`);

    this.addSql(`alter table "credential" drop column "project_id";`);
  }

}
