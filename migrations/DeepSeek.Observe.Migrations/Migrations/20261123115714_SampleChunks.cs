using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DeepSeek.Observe.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SampleChunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "series",
                schema: "observe",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    fingerprint = table.Column<long>(type: "bigint", nullable: false),
                    labels_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    labels = table.Column<string>(type: "jsonb", nullable: false),
                    min_time = table.Column<long>(type: "bigint", nullable: false),
                    max_time = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_series", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_series_labels",
                schema: "observe",
                table: "series",
                column: "labels")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ux_series_labels_hash",
                schema: "observe",
                table: "series",
                column: "labels_hash",
                unique: true);

            // EF cannot declare a partitioned table, so sample_chunks is raw SQL and stays out of the EF model
            // (PostgresChunkStore writes it with binary COPY and reads it with plain SQL).
            // - Times are bigint Unix milliseconds, not timestamptz: that is the unit of remote_write, of the head
            //   and of the chunk encoding, so nothing is converted per row, and it holds every int64 timestamp the
            //   head accepts (timestamptz stops in year 294276), so no acknowledged sample can be unflushable.
            // - Partitioned by day of min_time; the head never seals a chunk across a UTC day (the store splits one
            //   if it did), so a day partition holds only chunks that end before its upper bound and retention
            //   drops whole partitions. Partitions are created on demand by the store: sample_chunks_YYYYMMDD.
            // - (series_id, max_time) finds a series' chunks overlapping a range (max_time >= start, then
            //   min_time <= end filters the few left) and its newest chunk.
            migrationBuilder.Sql("""
                CREATE TABLE observe.sample_chunks (
                    series_id bigint NOT NULL REFERENCES observe.series (id),
                    min_time bigint NOT NULL,
                    max_time bigint NOT NULL,
                    sample_count integer NOT NULL,
                    data bytea NOT NULL,
                    CONSTRAINT ck_sample_chunks_time_order CHECK (min_time <= max_time)
                ) PARTITION BY RANGE (min_time);
                """);
            migrationBuilder.Sql("CREATE INDEX ix_sample_chunks_series_max_time ON observe.sample_chunks (series_id, max_time);");

            // Chunks are already compressed (Gorilla XOR or delta-of-delta), so TOAST's pglz on a large chunk
            // spends CPU and saves almost nothing; partitions created later inherit the setting.
            migrationBuilder.Sql("ALTER TABLE observe.sample_chunks ALTER COLUMN data SET STORAGE EXTERNAL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Dropping the partitioned table drops every day partition with it.
            migrationBuilder.Sql("DROP TABLE observe.sample_chunks;");

            migrationBuilder.DropTable(
                name: "series",
                schema: "observe");
        }
    }
}
