using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HelpDesk.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PeriodicReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "periodic_reviews",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    period_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    reviewed_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    reviewed_by_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_periodic_reviews", x => x.id);
                    table.CheckConstraint("ck_periodic_reviews_period", "period_end >= period_start");
                });

            migrationBuilder.CreateIndex(
                name: "ix_periodic_reviews_period_kind_period_start",
                table: "periodic_reviews",
                columns: new[] { "period_kind", "period_start" });

            migrationBuilder.CreateIndex(
                name: "ix_periodic_reviews_period_kind_reviewed_at",
                table: "periodic_reviews",
                columns: new[] { "period_kind", "reviewed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "periodic_reviews");
        }
    }
}
