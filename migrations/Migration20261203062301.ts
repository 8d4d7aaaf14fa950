import { Migration } from '@mikro-orm/migrations';

export class Migration20261203062301 extends Migration {

  override name = 'Migration20261203062301';

  override up(): void | Promise<void> {
    this.addSql(`create table "usage_bucket" ("id" bigserial primary key, "org_id" varchar(255) not null, "server_id" varchar(255) null, "agent_id" varchar(255) null, "hour" timestamptz not null, "calls" int not null, "errors" int not null, "duration_ms_sum" bigint not null, "histogram" integer[] not null);`);
    this.addSql(`create unique index "usage_bucket_key" on "usage_bucket" ("org_id", coalesce("server_id", ''), coalesce("agent_id", ''), "hour");`);
    this.addSql(`create index "usage_bucket_org_id_hour_index" on "usage_bucket" ("org_id", "hour");`);

    this.addSql(`create table "usage_watermark" ("name" varchar(255) not null, "last_seq" bigint not null, primary key ("name"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "usage_bucket" cascade;`);
    this.addSql(`drop table if exists "usage_watermark" cascade;`);
  }

}
