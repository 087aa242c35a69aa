/** Migrations of the inventory of institutions. Never edit one that has shipped: add another. */
import { type Kysely, type Migration, sql } from "kysely";

/**
 * The same folding as fold.ts's `foldText`, written out (a shipped migration must not change when fold.ts does; a
 * test checks that the two agree).
 */
const FOLD_BODY = sql.raw(
  `replace(replace(replace(replace(replace(translate(replace(replace(replace(replace(replace(replace(replace(replace(lower(t), 'щ', 'shch'), 'ж', 'zh'), 'х', 'kh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'), 'ю', 'yu'), 'я', 'ya'), 'абвгдеёзийклмнопрстуфыэіїєґўәғқңөұүһҷӣӯҳəçğıöşüșțăâîéèêëáàäóòôúùñłżźśćńęąъь', 'abvgdeeziiklmnoprstufieiieguagknouuhjiuhacgiosustaaieeeeaaaooouunlzzscnea'), 'dzh', 'j'), 'dj', 'j'), 'zh', 'j'), 'kh', 'k'), 'y', 'i')`,
);

const CATEGORIES = sql.raw(`'government', 'non-profit', 'academic', 'international', 'other'`);
const TOPICS = sql.raw(
  `'labour-migration', 'asylum-refugees', 'statistics', 'integration', 'remittances', 'trafficking', 'diaspora', 'policy', 'border-management', 'return-reintegration', 'research', 'data'`,
);

/** A text[] of ISO alpha-3 codes (no nulls); an empty array passes. */
const alpha3List = (column: string) =>
  sql`array_position(${sql.ref(column)}, null) is null and array_to_string(${sql.ref(column)}, ',') ~ '^([A-Z]{3}(,[A-Z]{3})*)?$'`;
const notBlank = (column: string) => sql`btrim(${sql.ref(column)}) <> ''`;
const text = (column: string) => sql`coalesce(${sql.ref(column)}, '')`;

export const inventoryMigrations: Record<string, Migration> = {
  "0004_inventory": {
    async up(db: Kysely<unknown>) {
      await sql`create extension if not exists pg_trgm`.execute(db);
      // Immutable, so that a generated column and its index may use it; pg_catalog functions only.
      await sql`create function inventory_fold(t text) returns text language sql immutable strict parallel safe
        return ${FOLD_BODY}`.execute(db);

      await db.schema
        .createTable("institution")
        .addColumn("id", "text", (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(id) <= 64`))
        .addColumn("name_en", "text", (c) => c.check(notBlank("name_en")))
        .addColumn("name_ru", "text", (c) => c.check(notBlank("name_ru")))
        .addColumn("name_original", "text", (c) => c.check(notBlank("name_original")))
        .addColumn("original_language", "text", (c) => c.check(sql`original_language ~ '^[a-z]{2,3}$'`))
        .addColumn("acronym", "text", (c) => c.check(notBlank("acronym")))
        .addColumn("category", "text", (c) => c.notNull().check(sql`category in (${CATEGORIES})`))
        .addColumn("countries_of_activity", sql`text[]`, (c) =>
          c.notNull().defaultTo(sql`'{}'`).check(alpha3List("countries_of_activity")),
        )
        .addColumn("country", "text", (c) => c.check(sql`country ~ '^[A-Z]{3}$'`))
        .addColumn("city", "text", (c) => c.check(notBlank("city")))
        .addColumn("address", "text", (c) => c.check(notBlank("address")))
        .addColumn("latitude", "double precision", (c) => c.check(sql`latitude between -90 and 90`))
        .addColumn("longitude", "double precision", (c) => c.check(sql`longitude between -180 and 180`))
        .addColumn("website", "text", (c) => c.check(sql`website ~ '^https?://'`))
        .addColumn("email", "text", (c) => c.check(sql`email ~ '^[^@[:space:]]+@[^@[:space:]]+$'`))
        .addColumn("phone", "text", (c) => c.check(notBlank("phone")))
        .addColumn("summary_en", "text", (c) => c.check(notBlank("summary_en")))
        .addColumn("summary_ru", "text", (c) => c.check(notBlank("summary_ru")))
        .addColumn("topics", sql`text[]`, (c) =>
          c.notNull().defaultTo(sql`'{}'`).check(sql`topics <@ array[${TOPICS}]::text[]`),
        )
        .addColumn("languages", sql`text[]`, (c) =>
          c
            .notNull()
            .defaultTo(sql`'{}'`)
            .check(
              sql`array_position(languages, null) is null and array_to_string(languages, ',') ~ '^([a-z]{2,3}(,[a-z]{2,3})*)?$'`,
            ),
        )
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("verified_at", "timestamptz")
        .addColumn("synthetic", "boolean", (c) => c.notNull().defaultTo(false))
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1).check(sql`version >= 1`))
        // Names and acronym weigh most (A), then summaries (B), then the city (C). Names are stemmed in their
        // language and also kept as written (simple), which finds names in the original language and acronyms;
        // summaries are stemmed only (their words as written would make the vector half as large again).
        .addColumn("search", sql`tsvector`, (c) =>
          c
            .generatedAlwaysAs(
              sql`setweight(to_tsvector('simple', ${text("name_en")} || ' ' || ${text("name_ru")} || ' ' || ${text("name_original")} || ' ' || ${text("acronym")}), 'A')
                || setweight(to_tsvector('english', ${text("name_en")}), 'A')
                || setweight(to_tsvector('russian', ${text("name_ru")}), 'A')
                || setweight(to_tsvector('english', ${text("summary_en")}), 'B')
                || setweight(to_tsvector('russian', ${text("summary_ru")}), 'B')
                || setweight(to_tsvector('simple', ${text("city")}), 'C')`,
            )
            .stored(),
        )
        .addColumn("name_key", "text", (c) =>
          c
            .generatedAlwaysAs(
              sql`inventory_fold(${text("name_en")} || ' ' || ${text("name_ru")} || ' ' || ${text("name_original")} || ' ' || ${text("acronym")})`,
            )
            .stored(),
        )
        // Where it is and where it works, each country once: what the country filter and facet look at.
        .addColumn("countries", sql`text[]`, (c) =>
          c
            .notNull()
            .generatedAlwaysAs(
              sql`case when country is null or country = any(countries_of_activity) then countries_of_activity
                else array_prepend(country, countries_of_activity) end`,
            )
            .stored(),
        )
        .addCheckConstraint("institution_named", sql`name_en is not null or name_ru is not null`)
        .addCheckConstraint("institution_point", sql`(latitude is null) = (longitude is null)`)
        .execute();
      await sql`create index institution_search on institution using gin (search)`.execute(db);
      await sql`create index institution_name_trgm on institution using gin (name_key gin_trgm_ops)`.execute(db);
      await sql`create index institution_countries on institution using gin (countries)`.execute(db);
      await sql`create index institution_topics on institution using gin (topics)`.execute(db);
      await db.schema.createIndex("institution_country").on("institution").column("country").execute();
      await db.schema.createIndex("institution_category").on("institution").column("category").execute();
      await db.schema.createIndex("institution_updated").on("institution").columns(["updated_at", "id"]).execute();
      // Sorting by name in a language (root collation: Latin and Cyrillic in their alphabets' order, ё with е).
      for (const [lang, first, second] of [
        ["en", "name_en", "name_ru"],
        ["ru", "name_ru", "name_en"],
      ] as const) {
        await sql`create index ${sql.id(`institution_name_${lang}`)} on institution
          ((coalesce(${sql.ref(first)}, ${sql.ref(second)}) collate "und-x-icu"), id)`.execute(db);
      }

      await db.schema
        .createTable("institution_suggestion")
        .addColumn("id", "serial", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('new', 'correction')`))
        .addColumn("institution_id", "text", (c) => c.references("institution.id").onDelete("set null"))
        .addColumn("payload", "jsonb", (c) => c.notNull().check(sql`jsonb_typeof(payload) = 'object'`))
        .addColumn("contact_email", "text", (c) => c.check(sql`contact_email ~ '^[^@[:space:]]+@[^@[:space:]]+$'`))
        .addColumn("state", "text", (c) =>
          c.notNull().defaultTo("pending").check(sql`state in ('pending', 'accepted', 'rejected')`),
        )
        .addColumn("submitted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("reviewed_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("reviewed_at", "timestamptz")
        .addColumn("review_note", "text")
        .addColumn("client_ip_hash", "text")
        .addCheckConstraint("institution_suggestion_reviewed", sql`(state = 'pending') = (reviewed_at is null)`)
        .execute();
      await db.schema
        .createIndex("institution_suggestion_queue")
        .on("institution_suggestion")
        .columns(["state", "submitted_at"])
        .execute();
      await db.schema
        .createIndex("institution_suggestion_institution")
        .on("institution_suggestion")
        .column("institution_id")
        .execute();
      await db.schema
        .createIndex("institution_suggestion_sender")
        .on("institution_suggestion")
        .columns(["client_ip_hash", "submitted_at"])
        .execute();

      // No foreign key to institution: the history outlives a deleted entry.
      await db.schema
        .createTable("institution_history")
        .addColumn("institution_id", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 1`))
        .addColumn("snapshot", "jsonb", (c) => c.notNull())
        .addColumn("changed_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("change_kind", "text", (c) =>
          c.notNull().check(sql`change_kind in ('seed', 'import', 'create', 'update', 'delete', 'suggestion')`),
        )
        .addColumn("reason", "text")
        .addColumn("suggestion_id", "integer", (c) => c.references("institution_suggestion.id").onDelete("set null"))
        .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint("institution_history_pk", ["institution_id", "version"])
        .execute();
      await db.schema.createIndex("institution_history_at").on("institution_history").column("at").execute();

      await db.schema
        .createTable("link_check")
        .addColumn("url", "text", (c) => c.primaryKey())
        .addColumn("status", "text", (c) =>
          c
            .notNull()
            .defaultTo("pending")
            .check(sql`status in ('pending', 'ok', 'redirected', 'broken', 'unreachable')`),
        )
        .addColumn("http_code", "integer", (c) => c.check(sql`http_code between 100 and 599`))
        .addColumn("final_url", "text")
        .addColumn("checked_at", "timestamptz")
        .addColumn("next_check_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0).check(sql`failures >= 0`))
        .addColumn("locked_until", "timestamptz")
        .addColumn("locked_by", "text")
        .addColumn("last_error", "text")
        .execute();
      await db.schema.createIndex("link_check_due").on("link_check").column("next_check_at").execute();

      // Every word of the search vectors, kept by triggers whatever writes the institutions: a query's prefixes,
      // long words' beginnings and typos are looked up here (a few thousand rows) and become plain words of the
      // text query, which the GIN index answers without rechecking rows. Words of deleted entries stay (harmless).
      await db.schema
        .createTable("institution_lexeme")
        .addColumn("lexeme", "text", (c) => c.primaryKey())
        .addColumn("fold", "text", (c) => c.notNull().generatedAlwaysAs(sql`inventory_fold(lexeme)`).stored())
        .execute();
      await sql`create index institution_lexeme_prefix on institution_lexeme (lexeme collate "C")`.execute(db);
      await sql`create index institution_lexeme_fold on institution_lexeme using gin (fold gin_trgm_ops)`.execute(db);
      await sql`create function institution_lexemes_added() returns trigger language plpgsql as $$
        begin
          insert into institution_lexeme (lexeme)
          select distinct word from new_rows, unnest(tsvector_to_array(new_rows.search)) word
          on conflict do nothing;
          return null;
        end $$`.execute(db);
      // A trigger with a transition table has one event.
      for (const event of ["insert", "update"]) {
        await sql`create trigger ${sql.id(`institution_lexemes_${event}`)} after ${sql.raw(event)} on institution
          referencing new table as new_rows for each statement execute function institution_lexemes_added()`.execute(
          db,
        );
      }

      // A counter of changes to the institutions, whoever makes them: searches are cached by it.
      await db.schema
        .createTable("inventory_state")
        .addColumn("singleton", "boolean", (c) => c.primaryKey().defaultTo(true).check(sql`singleton`))
        .addColumn("version", "bigint", (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`insert into inventory_state default values`.execute(db);
      await sql`create function inventory_changed() returns trigger language plpgsql as $$
        begin
          update inventory_state set version = version + 1;
          return null;
        end $$`.execute(db);
      await sql`create trigger institution_changed after insert or update or delete or truncate on institution
        for each statement execute function inventory_changed()`.execute(db);
    },
  },
  // Moderation: the entry's version a correction was written against (a stale one is refused), the entry a
  // merged one went into, merges in the history, and the salt of the senders' address hashes.
  "0006_inventory_moderation": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("institution_suggestion").addColumn("base_version", "integer").execute();
      await db.schema.alterTable("institution_history").addColumn("merged_into", "text").execute();
      await sql`alter table institution_history drop constraint institution_history_change_kind_check`.execute(db);
      await sql`alter table institution_history add constraint institution_history_change_kind_check check
        (change_kind in ('seed', 'import', 'create', 'update', 'delete', 'suggestion', 'merge'))`.execute(db);
      await db.schema
        .createTable("inventory_secret")
        .addColumn("singleton", "boolean", (c) => c.primaryKey().defaultTo(true).check(sql`singleton`))
        .addColumn("salt", "text", (c) => c.notNull())
        .execute();
    },
  },
  // The inventory as a network (decision 0019): statuses instead of deletes, merges kept as redirects, the city in
  // Russian, the source of an entry, who verified it; typed relationships, external identifiers, names by type and
  // language, "not a duplicate" dismissals and the public releases.
  "0021_inventory_network": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("institution")
        .addColumn("status", "text", (c) =>
          c.notNull().defaultTo("active").check(sql`status in ('active', 'inactive', 'withdrawn')`),
        )
        .addColumn("merged_into", "text", (c) => c.references("institution.id"))
        .addColumn("city_ru", "text", (c) => c.check(notBlank("city_ru")))
        .addColumn("source_url", "text", (c) => c.check(sql`source_url ~ '^https?://'`))
        .addColumn("verified_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .execute();
      // A redirect is a withdrawn entry pointing elsewhere.
      await sql`alter table institution add constraint institution_redirect
        check (merged_into is null or (status = 'withdrawn' and merged_into <> id))`.execute(db);
      await db.schema.createIndex("institution_merged_into").on("institution").column("merged_into").execute();
      // The Russian city joins the text vector (weight C, like the city): drop and make the generated column again.
      await sql`drop index institution_search`.execute(db);
      await db.schema.alterTable("institution").dropColumn("search").execute();
      await db.schema
        .alterTable("institution")
        .addColumn("search", sql`tsvector`, (c) =>
          c
            .generatedAlwaysAs(
              sql`setweight(to_tsvector('simple', ${text("name_en")} || ' ' || ${text("name_ru")} || ' ' || ${text("name_original")} || ' ' || ${text("acronym")}), 'A')
                || setweight(to_tsvector('english', ${text("name_en")}), 'A')
                || setweight(to_tsvector('russian', ${text("name_ru")}), 'A')
                || setweight(to_tsvector('english', ${text("summary_en")}), 'B')
                || setweight(to_tsvector('russian', ${text("summary_ru")}), 'B')
                || setweight(to_tsvector('simple', ${text("city")} || ' ' || ${text("city_ru")}), 'C')`,
            )
            .stored(),
        )
        .execute();
      await sql`create index institution_search on institution using gin (search)`.execute(db);

      await sql`alter table institution_history drop constraint institution_history_change_kind_check`.execute(db);
      await sql`alter table institution_history add constraint institution_history_change_kind_check check
        (change_kind in ('seed', 'import', 'create', 'update', 'delete', 'suggestion', 'merge', 'verify', 'status'))`.execute(
        db,
      );

      // One row per related pair, in its canonical direction: the subject is the parent or the predecessor of the
      // object; for "related" the subject's id sorts first. Each side reads it from its own end (relationships.ts).
      await db.schema
        .createTable("institution_relationship")
        .addColumn("subject_id", "text", (c) => c.notNull().references("institution.id").onDelete("cascade"))
        .addColumn("object_id", "text", (c) => c.notNull().references("institution.id").onDelete("cascade"))
        .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('parent', 'predecessor', 'related')`))
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("created_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addPrimaryKeyConstraint("institution_relationship_pk", ["subject_id", "object_id"])
        .addCheckConstraint(
          "institution_relationship_direction",
          sql`subject_id <> object_id and (type <> 'related' or subject_id < object_id)`,
        )
        .execute();
      // A pair is related once, whichever way round.
      await sql`create unique index institution_relationship_pair on institution_relationship
        (least(subject_id, object_id), greatest(subject_id, object_id))`.execute(db);
      await db.schema
        .createIndex("institution_relationship_object")
        .on("institution_relationship")
        .column("object_id")
        .execute();

      await db.schema
        .createTable("institution_identifier")
        .addColumn("institution_id", "text", (c) => c.notNull().references("institution.id").onDelete("cascade"))
        .addColumn("scheme", "text", (c) => c.notNull().check(sql`scheme in ('ror', 'wikidata', 'national')`))
        .addColumn("value", "text", (c) => c.notNull().check(notBlank("value")))
        .addPrimaryKeyConstraint("institution_identifier_pk", ["institution_id", "scheme"])
        .execute();
      // One identifier names one entry: a second entry with it is a duplicate.
      await db.schema
        .createIndex("institution_identifier_value")
        .on("institution_identifier")
        .columns(["scheme", "value"])
        .unique()
        .execute();

      await db.schema
        .createTable("institution_name")
        .addColumn("institution_id", "text", (c) => c.notNull().references("institution.id").onDelete("cascade"))
        .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('official', 'short', 'acronym', 'former')`))
        .addColumn("lang", "text", (c) => c.notNull().check(sql`lang ~ '^[a-z]{2,3}$'`))
        .addColumn("name", "text", (c) => c.notNull().check(sql`${notBlank("name")} and length(name) <= 500`))
        .addPrimaryKeyConstraint("institution_name_pk", ["institution_id", "type", "lang", "name"])
        .execute();

      await db.schema
        .createTable("institution_distinct_pair")
        .addColumn("a_id", "text", (c) => c.notNull().references("institution.id").onDelete("cascade"))
        .addColumn("b_id", "text", (c) => c.notNull().references("institution.id").onDelete("cascade"))
        .addColumn("dismissed_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("dismissed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint("institution_distinct_pair_pk", ["a_id", "b_id"])
        .addCheckConstraint("institution_distinct_pair_order", sql`a_id < b_id`)
        .execute();

      // Relationships a sender proposes with a suggestion ([{type, id}], from the new or corrected entry's side).
      await db.schema
        .alterTable("institution_suggestion")
        .addColumn("relationships", "jsonb", (c) =>
          c.notNull().defaultTo(sql`'[]'::jsonb`).check(sql`jsonb_typeof(relationships) = 'array'`),
        )
        .execute();

      await db.schema
        .createTable("inventory_release")
        .addColumn("version", "integer", (c) => c.primaryKey().check(sql`version >= 1`))
        .addColumn("published_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("published_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("note", "text")
        .addColumn("counts", "jsonb", (c) => c.notNull())
        .addColumn("changes", "jsonb", (c) => c.notNull())
        .addColumn("content", "jsonb", (c) => c.notNull())
        .execute();
    },
  },
};
