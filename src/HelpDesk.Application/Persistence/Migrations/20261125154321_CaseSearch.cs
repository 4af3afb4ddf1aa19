using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace HelpDesk.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CaseSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "customer_phone_digits",
                table: "complaints",
                type: "text",
                nullable: true,
                computedColumnSql: "regexp_replace(customer_phone, '[^0-9]', '', 'g')",
                stored: true);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "complaints",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "setweight(to_tsvector('simple'::regconfig, translate(reference, '-', ' ')), 'A') || setweight(to_tsvector('simple'::regconfig, coalesce(customer_name, '') || ' ' || coalesce(customer_email, '') || ' ' || coalesce(customer_phone, '')), 'A') || setweight(to_tsvector('simple'::regconfig, subject), 'B') || setweight(to_tsvector('simple'::regconfig, description), 'C')",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_complaints_customer_phone_digits",
                table: "complaints",
                column: "customer_phone_digits");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_queue_all",
                table: "complaints",
                columns: new[] { "next_due_at", "id" },
                filter: "status <> 'Closed'");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_queue_assignee",
                table: "complaints",
                columns: new[] { "assignee_id", "next_due_at", "id" },
                filter: "status <> 'Closed'");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_queue_department",
                table: "complaints",
                columns: new[] { "department_id", "next_due_at", "id" },
                filter: "status <> 'Closed'");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_queue_escalated",
                table: "complaints",
                columns: new[] { "next_due_at", "id" },
                filter: "status <> 'Closed' AND escalation_tier > 1");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_queue_unassigned",
                table: "complaints",
                columns: new[] { "next_due_at", "id" },
                filter: "status <> 'Closed' AND assignee_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_search_vector",
                table: "complaints",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            // An email typed into the search box matches in any case. EF Core cannot model an expression index.
            migrationBuilder.Sql("CREATE INDEX ix_complaints_customer_email_lower ON complaints (lower(customer_email));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_complaints_customer_email_lower;");

            migrationBuilder.DropIndex(
                name: "ix_complaints_customer_phone_digits",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_queue_all",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_queue_assignee",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_queue_department",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_queue_escalated",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_queue_unassigned",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_search_vector",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "customer_phone_digits",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "complaints");
        }
    }
}
