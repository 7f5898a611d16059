using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DeepSeek.Observe.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class LogStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "log_streams",
                schema: "observe",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    labels_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    labels = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_streams", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_log_streams_labels",
                schema: "observe",
                table: "log_streams",
                column: "labels")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ux_log_streams_labels_hash",
                schema: "observe",
                table: "log_streams",
                column: "labels_hash",
                unique: true);

            // Like sample_chunks, log_entries is raw SQL outside the EF model (PostgresLogStore writes it with binary
            // COPY and reads it with plain SQL).
            // - ts_ns is bigint Unix nanoseconds: the unit Loki and OTLP send and LogEntry keeps (timestamptz has
            //   only microseconds, and lines of one burst are ordered by the nanoseconds).
            // - Partitioned by UTC day of ts_ns, created on demand by the store (log_entries_YYYYMMDD); retention
            //   drops whole partitions.
            // - No foreign key to log_streams: it would add a trigger call per line to every COPY, and the store only
            //   writes ids it has just upserted in the same transaction.
            // - metadata is NULL for a line without structured metadata, the common case, which costs one bit.
            // - (stream_id, ts_ns) serves the query's scan of selected streams over a range, newest or oldest first,
            //   and the "has a line in range" test of stream listing.
            migrationBuilder.Sql("""
                CREATE TABLE observe.log_entries (
                    stream_id bigint NOT NULL,
                    ts_ns bigint NOT NULL,
                    line text NOT NULL,
                    metadata jsonb NULL
                ) PARTITION BY RANGE (ts_ns);
                """);
            migrationBuilder.Sql("CREATE INDEX ix_log_entries_stream_ts ON observe.log_entries (stream_id, ts_ns);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Dropping the partitioned table drops every day partition with it.
            migrationBuilder.Sql("DROP TABLE observe.log_entries;");

            migrationBuilder.DropTable(
                name: "log_streams",
                schema: "observe");
        }
    }
}
