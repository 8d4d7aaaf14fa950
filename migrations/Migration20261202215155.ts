import { Migration } from '@mikro-orm/migrations';

export class Migration20261202215155 extends Migration {

  override name = 'Migration20261202215155';

  override up(): void | Promise<void> {
    this.addSql(`create table "open_api_spec" ("server_id" varchar(255) not null, "source" text not null, "url" text null, "file_name" varchar(255) null, "original_version" varchar(255) not null, "document" jsonb not null, "base_url" text null, "auth" jsonb not null, "updated_at" timestamptz not null, primary key ("server_id"));`);

    this.addSql(`alter table "mcp_server" drop constraint "mcp_server_transport_check";`);
    this.addSql(`alter table "mcp_server" add constraint "mcp_server_transport_check" check ("transport" in ('stdio', 'streamable_http', 'sse', 'openapi'));`);

    this.addSql(`alter table "tool" add "tool_key" varchar(255) null, add "tool_naming_version" int null, add "http_method" varchar(255) null, add "http_path" text null;`);

    this.addSql(`alter table "open_api_spec" add constraint "open_api_spec_server_id_foreign" foreign key ("server_id") references "mcp_server" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "open_api_spec" add constraint "open_api_spec_source_check" check ("source" in ('upload', 'url'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "open_api_spec" cascade;`);

    this.addSql(`alter table "mcp_server" drop constraint "mcp_server_transport_check";`);
    this.addSql(`alter table "mcp_server" add constraint "mcp_server_transport_check" check ("transport" in ('stdio', 'streamable_http', 'sse'));`);

    this.addSql(`alter table "tool" drop column "tool_key", drop column "tool_naming_version", drop column "http_method", drop column "http_path";`);
  }

}
