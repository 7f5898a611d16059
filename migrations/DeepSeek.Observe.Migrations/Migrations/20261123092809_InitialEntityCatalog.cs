using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeepSeek.Observe.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class InitialEntityCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "observe");

            migrationBuilder.CreateTable(
                name: "entities",
                schema: "observe",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    labels = table.Column<string>(type: "jsonb", nullable: false),
                    first_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entities", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "entity_edges",
                schema: "observe",
                columns: table => new
                {
                    parent_id = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    child_id = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entity_edges", x => new { x.parent_id, x.child_id });
                    table.ForeignKey(
                        name: "FK_entity_edges_entities_child_id",
                        column: x => x.child_id,
                        principalSchema: "observe",
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_entity_edges_entities_parent_id",
                        column: x => x.parent_id,
                        principalSchema: "observe",
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_entities_kind",
                schema: "observe",
                table: "entities",
                column: "kind");

            migrationBuilder.CreateIndex(
                name: "IX_entity_edges_child_id",
                schema: "observe",
                table: "entity_edges",
                column: "child_id");

            migrationBuilder.CreateIndex(
                name: "ix_entity_edges_parent_id",
                schema: "observe",
                table: "entity_edges",
                column: "parent_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entity_edges",
                schema: "observe");

            migrationBuilder.DropTable(
                name: "entities",
                schema: "observe");
        }
    }
}
