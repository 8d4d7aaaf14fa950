import { Migration } from '@mikro-orm/migrations';

export class Migration20261202182849 extends Migration {

  override name = 'Migration20261202182849';

  override up(): void | Promise<void> {
    this.addSql(`alter table "toolset" add "tool_prefix" text null;`);
    this.addSql(`alter table "toolset" add constraint "toolset_tool_prefix_check" check ("tool_prefix" in ('always', 'never', 'on_collision'));`);

    this.addSql(`alter table "agent" add "tool_prefix" text null;`);
    this.addSql(`alter table "agent" add constraint "agent_tool_prefix_check" check ("tool_prefix" in ('always', 'never', 'on_collision'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "agent" drop constraint "agent_tool_prefix_check";`);
    this.addSql(`alter table "agent" drop column "tool_prefix";`);

    this.addSql(`alter table "toolset" drop constraint "toolset_tool_prefix_check";`);
    this.addSql(`alter table "toolset" drop column "tool_prefix";`);
  }

}
