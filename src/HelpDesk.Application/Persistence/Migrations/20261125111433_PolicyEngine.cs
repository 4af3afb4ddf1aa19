using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HelpDesk.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PolicyEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "acknowledge_due",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "acknowledged_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deadlines",
                table: "complaints",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "follow_up_due",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "followed_up_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_due_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "resolution_paused",
                table: "complaints",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolve_due",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolved_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "business_calendars",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    time_zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    weekly_hours = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_calendars", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "configuration_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    before = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    after = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    applied_to_open_cases = table.Column<bool>(type: "boolean", nullable: false),
                    cases_recomputed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_configuration_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "policy_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    approved_on = table.Column<DateOnly>(type: "date", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changelog = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    visibility = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_holidays",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    calendar_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_holidays", x => new { x.calendar_id, x.date });
                    table.ForeignKey(
                        name: "fk_calendar_holidays_business_calendars_calendar_id",
                        column: x => x.calendar_id,
                        principalTable: "business_calendars",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sla_rules",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    complaint_type_id = table.Column<int>(type: "integer", nullable: true),
                    priority = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    calendar_id = table.Column<int>(type: "integer", nullable: false),
                    acknowledge = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    resolve = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    follow_up = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    is_retired = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_sla_rules_business_calendars_calendar_id",
                        column: x => x.calendar_id,
                        principalTable: "business_calendars",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sla_rules_complaint_types_complaint_type_id",
                        column: x => x.complaint_type_id,
                        principalTable: "complaint_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_next_due_at",
                table: "complaints",
                column: "next_due_at",
                filter: "next_due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_business_calendars_name",
                table: "business_calendars",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_configuration_changes_at",
                table: "configuration_changes",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_policy_versions_number",
                table: "policy_versions",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sla_rules_calendar_id",
                table: "sla_rules",
                column: "calendar_id");

            migrationBuilder.CreateIndex(
                name: "ix_sla_rules_complaint_type_id_priority",
                table: "sla_rules",
                columns: new[] { "complaint_type_id", "priority" },
                unique: true,
                filter: "NOT is_retired")
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_holidays");

            migrationBuilder.DropTable(
                name: "configuration_changes");

            migrationBuilder.DropTable(
                name: "policy_versions");

            migrationBuilder.DropTable(
                name: "sla_rules");

            migrationBuilder.DropTable(
                name: "business_calendars");

            migrationBuilder.DropIndex(
                name: "ix_complaints_next_due_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "acknowledge_due",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "acknowledged_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "deadlines",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "follow_up_due",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "followed_up_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "next_due_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "resolution_paused",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "resolve_due",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "resolved_at",
                table: "complaints");
        }
    }
}
