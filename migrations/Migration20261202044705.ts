import { Migration } from '@mikro-orm/migrations';

export class Migration20261202044705 extends Migration {

  override name = 'Migration20261202044705';

  override up(): void | Promise<void> {
    this.addSql(`alter table "credential" add "environment" varchar(255) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "credential" drop column "environment";`);
  }

}
