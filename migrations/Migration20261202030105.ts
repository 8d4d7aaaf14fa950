import { Migration } from '@mikro-orm/migrations';

export class Migration20261202030105 extends Migration {

  override name = 'Migration20261202030105';

  override up(): void | Promise<void> {
    this.addSql(`create table "mail_message" ("id" varchar(255) not null, "to" varchar(255) not null, "subject" varchar(255) not null, "sealed_text" text not null, "status" text not null default 'pending', "subject_id" varchar(255) null, "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null, "sent_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "mail_message_subject_id_index" on "mail_message" ("subject_id");`);

    this.addSql(`create table "service_account" ("id" varchar(255) not null, "org_id" varchar(255) not null, "name" varchar(255) not null, "description" text null, "role" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "service_account" add constraint "service_account_org_id_name_unique" unique ("org_id", "name");`);

    this.addSql(`create table "invitation" ("id" varchar(255) not null, "org_id" varchar(255) not null, "email" varchar(255) not null, "role" text not null, "digest" varchar(255) not null, "invited_by_id" varchar(255) null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "last_sent_at" timestamptz null, "last_send_error" text null, "accepted_at" timestamptz null, "accepted_by_id" varchar(255) null, "revoked_at" timestamptz null, "revoked_reason" text null, primary key ("id"));`);
    this.addSql(`alter table "invitation" add constraint "invitation_digest_unique" unique ("digest");`);

    this.addSql(`alter table "organization" add "plan_tier" varchar(255) not null default 'free', add "public_mcp_guides_enabled" boolean not null default true;`);

    this.addSql(`alter table "credential" drop constraint "credential_kind_check";`);
    this.addSql(`alter table "credential" add "service_account_id" varchar(255) null, add "client_id" varchar(255) null;`);
    this.addSql(`alter table "credential" add constraint "credential_service_account_id_foreign" foreign key ("service_account_id") references "service_account" ("id") on delete cascade;`);
    this.addSql(`alter table "credential" add constraint "credential_kind_check" check ("kind" in ('session', 'api_token', 'agent_token', 'service_key'));`);

    this.addSql(`alter table "mail_message" add constraint "mail_message_status_check" check ("status" in ('pending', 'sent', 'failed', 'not_configured'));`);

    this.addSql(`alter table "service_account" add constraint "service_account_org_id_foreign" foreign key ("org_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "service_account" add constraint "service_account_role_check" check ("role" in ('admin', 'developer', 'viewer'));`);

    this.addSql(`alter table "invitation" add constraint "invitation_org_id_foreign" foreign key ("org_id") references "organization" ("id") on delete cascade;`);
    this.addSql(`alter table "invitation" add constraint "invitation_invited_by_id_foreign" foreign key ("invited_by_id") references "user" ("id") on delete set null;`);
    this.addSql(`alter table "invitation" add constraint "invitation_accepted_by_id_foreign" foreign key ("accepted_by_id") references "user" ("id") on delete set null;`);
    this.addSql(`alter table "invitation" add constraint "invitation_role_check" check ("role" in ('admin', 'developer', 'viewer'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "credential" drop constraint "credential_service_account_id_foreign";`);

    this.addSql(`drop table if exists "mail_message" cascade;`);
    this.addSql(`drop table if exists "service_account" cascade;`);
    this.addSql(`drop table if exists "invitation" cascade;`);

    this.addSql(`alter table "credential" drop constraint "credential_kind_check";`);
    this.addSql(`alter table "credential" drop column "service_account_id", drop column "client_id";`);
    this.addSql(`alter table "credential" add constraint "credential_kind_check" check ("kind" in ('session', 'api_token', 'agent_token'));`);

    this.addSql(`alter table "organization" drop column "plan_tier", drop column "public_mcp_guides_enabled";`);
  }

}
