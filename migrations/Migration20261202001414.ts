import { Migration } from '@mikro-orm/migrations';

export class Migration20261202001414 extends Migration {

  override name = 'Migration20261202001414';

  override up(): void | Promise<void> {
    this.addSql(`create table "rate_limit" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, primary key ("key"));`);

    this.addSql(`alter table "mcp_server" add "url_has_credentials" boolean not null default false;`);

    this.addSql(`alter table "user" drop constraint "user_email_unique";`);
    this.addSql(`alter table "user" drop constraint "user_username_unique";`);
    this.addSql(`create unique index "user_username_lower_unique" on "user" (lower("username"));`);
    this.addSql(`create unique index "user_email_lower_unique" on "user" (lower("email"));`);

    // Masks reveal the type prefix and the last four characters only (they showed nine and five).
    this.addSql(`update "credential" set "masked" = case when "masked" ~ '^sb[sua]_' then left("masked", 4) else '' end || '*******' || right("masked", 4);`);
    // No mutation grants an organization role yet: every admin membership was made for a system role,
    // which alone carries those powers now, so a demotion leaves nothing behind.
    this.addSql(`update "membership" set "role" = 'viewer' where "role" = 'admin';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rate_limit" cascade;`);

    this.addSql(`alter table "mcp_server" drop column "url_has_credentials";`);

    this.addSql(`alter table "user" drop constraint "user_username_lower_unique";`);
    this.addSql(`alter table "user" drop constraint "user_email_lower_unique";`);
    this.addSql(`alter table "user" add constraint "user_email_unique" unique ("email");`);
    this.addSql(`alter table "user" add constraint "user_username_unique" unique ("username");`);
  }

}
