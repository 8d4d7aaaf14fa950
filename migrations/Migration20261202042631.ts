import { Migration } from '@mikro-orm/migrations';

export class Migration20261202042631 extends Migration {

  override name = 'Migration20261202042631';

  override up(): void | Promise<void> {
    this.addSql(`create table "preshared_key" ("id" varchar(255) not null, "user_id" varchar(255) not null, "label" varchar(255) not null, "digest" varchar(255) not null, "masked" varchar(255) not null, "created_at" timestamptz not null, "used_at" timestamptz null, "credential_id" varchar(255) null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "preshared_key" add constraint "preshared_key_digest_unique" unique ("digest");`);

    this.addSql(`alter table "preshared_key" add constraint "preshared_key_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
    this.addSql(`alter table "preshared_key" add constraint "preshared_key_credential_id_foreign" foreign key ("credential_id") references "credential" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "preshared_key" cascade;`);
  }

}
