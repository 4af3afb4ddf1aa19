using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class KpiTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "acknowledged_in_business_minutes",
                table: "complaints",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "resolved_in_business_minutes",
                table: "complaints",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "kpi_targets",
                columns: table => new
                {
                    measure = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    target = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kpi_targets", x => x.measure);
                });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_kpis",
                table: "complaints",
                column: "received_at")
                .Annotation("Npgsql:IndexInclude", new[] { "department_id", "kind", "channel", "complaint_type_id", "acknowledge_due", "acknowledged_at", "resolve_due", "resolved_at", "resolution_paused", "resolved_at_first_contact", "reopen_count", "satisfaction", "acknowledged_in_business_minutes", "resolved_in_business_minutes", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_overdue",
                table: "complaints",
                columns: new[] { "next_due_at", "id" },
                filter: "status <> 'Closed'")
                .Annotation("Npgsql:IndexInclude", new[] { "department_id", "complaint_type_id", "assignee_id" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_resolved_at",
                table: "complaints",
                column: "resolved_at",
                filter: "resolved_at IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "assignee_id", "department_id", "resolve_due", "resolved_at_first_contact", "satisfaction", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kpi_targets");

            migrationBuilder.DropIndex(
                name: "ix_complaints_kpis",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_overdue",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_resolved_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "acknowledged_in_business_minutes",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "resolved_in_business_minutes",
                table: "complaints");
        }
    }
}
