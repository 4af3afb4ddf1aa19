using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TimelineFactsAsTheyWere : Migration
    {
        /// <summary>
        /// Entries written before this recorded whom they passed the case to only as staff text,
        /// "Bea Biller (Billing)" or "Billing": the names are read back where the department is still
        /// called that. Anything else keeps null, and the status page names today's department for it.
        /// </summary>
        public const string ReadBackNamesOfTheTime = """
                UPDATE timeline_events AS e
                SET department_name = d.name,
                    assignee_name = CASE WHEN e.new_value = d.name THEN NULL
                                         ELSE left(e.new_value, length(e.new_value) - length(d.name) - 3) END
                FROM departments AS d
                WHERE e.type IN ('Acknowledged', 'Referred', 'Escalated')
                  AND e.department_name IS NULL
                  AND (e.new_value = d.name
                       OR (length(e.new_value) > length(d.name) + 3 AND right(e.new_value, length(d.name) + 3) = ' (' || d.name || ')'));
                """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "assignee_name",
                table: "timeline_events",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "department_name",
                table: "timeline_events",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "new_instant",
                table: "timeline_events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "old_instant",
                table: "timeline_events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.Sql(ReadBackNamesOfTheTime);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "assignee_name",
                table: "timeline_events");

            migrationBuilder.DropColumn(
                name: "department_name",
                table: "timeline_events");

            migrationBuilder.DropColumn(
                name: "new_instant",
                table: "timeline_events");

            migrationBuilder.DropColumn(
                name: "old_instant",
                table: "timeline_events");
        }
    }
}
