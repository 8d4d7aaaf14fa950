import { Migration } from '@mikro-orm/migrations';

export class Migration20261123174217 extends Migration {

  override name = 'Migration20261123174217';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_event" ("seq" bigserial primary key, "type" varchar(255) not null, "occurred_at" timestamptz not null, "correlation_id" varchar(255) not null, "org_id" varchar(255) null, "actor_kind" varchar(255) null, "actor_id" varchar(255) null, "actor_name" varchar(255) null, "client_label" varchar(255) null, "target_type" varchar(255) null, "target_id" varchar(255) null, "target_name" varchar(255) null, "server_name" varchar(255) null, "tool_name" varchar(255) null, "status" text not null, "duration_ms" int null, "details" jsonb null);`);
    this.addSql(`create index "audit_event_org_id_seq_index" on "audit_event" ("org_id", "seq");`);
    this.addSql(`create index "audit_event_type_seq_index" on "audit_event" ("type", "seq");`);
    this.addSql(`create index "audit_event_correlation_id_index" on "audit_event" ("correlation_id");`);

    this.addSql(`create table "organization" ("id" varchar(255) not null, "slug" varchar(255) not null, "name" varchar(255) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "organization" add constraint "organization_slug_unique" unique ("slug");`);

    this.addSql(`create table "user" ("id" varchar(255) not null, "username" varchar(255) not null, "email" varchar(255) null, "display_name" varchar(255) null, "system_role" text not null default 'user', "active" boolean not null default true, "password_hash" varchar(255) null, "last_login_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "user" add constraint "user_username_unique" unique ("username");`);
    this.addSql(`alter table "user" add constraint "user_email_unique" unique ("email");`);

    this.addSql(`create table "membership" ("id" varchar(255) not null, "user_id" varchar(255) not null, "org_id" varchar(255) not null, "role" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "membership" add constraint "membership_user_id_org_id_unique" unique ("user_id", "org_id");`);

    this.addSql(`create table "credential" ("id" varchar(255) not null, "kind" text not null, "org_id" varchar(255) not null, "user_id" varchar(255) null, "name" varchar(255) not null, "digest" varchar(255) not null, "masked" varchar(255) not null, "custom" boolean not null default false, "expires_at" timestamptz null, "last_used_at" timestamptz null, "disabled_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "credential" add constraint "credential_digest_unique" unique ("digest");`);

    this.addSql(`alter table "audit_event" add constraint "audit_event_status_check" check ("status" in ('success', 'failure', 'denied', 'error'));`);

    this.addSql(`alter table "user" add constraint "user_system_role_check" check ("system_role" in ('admin', 'user'));`);

    this.addSql(`alter table "membership" add constraint "membership_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_org_id_foreign" foreign key ("org_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_role_check" check ("role" in ('admin', 'developer', 'viewer'));`);

    this.addSql(`alter table "credential" add constraint "credential_org_id_foreign" foreign key ("org_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "credential" add constraint "credential_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
    this.addSql(`alter table "credential" add constraint "credential_kind_check" check ("kind" in ('session', 'api_token'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "membership" drop constraint "membership_org_id_foreign";`);
    this.addSql(`alter table "credential" drop constraint "credential_org_id_foreign";`);
    this.addSql(`alter table "membership" drop constraint "membership_user_id_foreign";`);
    this.addSql(`alter table "credential" drop constraint "credential_user_id_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop table if exists "organization" cascade;`);
    this.addSql(`drop table if exists "user" cascade;`);
    this.addSql(`drop table if exists "membership" cascade;`);
    this.addSql(`drop table if exists "credential" cascade;`);
  }

}
