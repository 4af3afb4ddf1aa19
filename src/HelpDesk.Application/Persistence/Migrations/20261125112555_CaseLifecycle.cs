using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HelpDesk.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CaseLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "summary",
                table: "timeline_events",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000);

            migrationBuilder.AlterColumn<string>(
                name: "old_value",
                table: "timeline_events",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "new_value",
                table: "timeline_events",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);

            migrationBuilder.AddColumn<int>(
                name: "department_id",
                table: "staff_users",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "acknowledgement_method",
                table: "complaints",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "assignee_id",
                table: "complaints",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "department_id",
                table: "complaints",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "escalation_tier",
                table: "complaints",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "expected_response_by",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "follow_up_comments",
                table: "complaints",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "follow_up_contact_made",
                table: "complaints",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "reopen_count",
                table: "complaints",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "resolution_analysis",
                table: "complaints",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolution_communicated_by",
                table: "complaints",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolution_outcome",
                table: "complaints",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolution_response",
                table: "complaints",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "resolved_at_first_contact",
                table: "complaints",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "satisfaction",
                table: "complaints",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    supervisor_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_departments", x => x.id);
                    table.ForeignKey(
                        name: "fk_departments_staff_users_supervisor_id",
                        column: x => x.supervisor_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_staff_users_department_id",
                table: "staff_users",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_assignee_id",
                table: "complaints",
                column: "assignee_id");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_department_id",
                table: "complaints",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_departments_name",
                table: "departments",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_departments_supervisor_id",
                table: "departments",
                column: "supervisor_id");

            migrationBuilder.AddForeignKey(
                name: "fk_complaints_departments_department_id",
                table: "complaints",
                column: "department_id",
                principalTable: "departments",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_complaints_staff_users_assignee_id",
                table: "complaints",
                column: "assignee_id",
                principalTable: "staff_users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_staff_users_departments_department_id",
                table: "staff_users",
                column: "department_id",
                principalTable: "departments",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_complaints_departments_department_id",
                table: "complaints");

            migrationBuilder.DropForeignKey(
                name: "fk_complaints_staff_users_assignee_id",
                table: "complaints");

            migrationBuilder.DropForeignKey(
                name: "fk_staff_users_departments_department_id",
                table: "staff_users");

            migrationBuilder.DropTable(
                name: "departments");

            migrationBuilder.DropIndex(
                name: "ix_staff_users_department_id",
                table: "staff_users");

            migrationBuilder.DropIndex(
                name: "ix_complaints_assignee_id",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_department_id",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "department_id",
                table: "staff_users");

            migrationBuilder.DropColumn(
                name: "acknowledgement_method",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "assignee_id",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "department_id",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "escalation_tier",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "expected_response_by",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "follow_up_comments",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "follow_up_contact_made",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "reopen_count",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "resolution_analysis",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "resolution_communicated_by",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "resolution_outcome",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "resolution_response",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "resolved_at_first_contact",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "satisfaction",
                table: "complaints");

            migrationBuilder.AlterColumn<string>(
                name: "summary",
                table: "timeline_events",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000);

            migrationBuilder.AlterColumn<string>(
                name: "old_value",
                table: "timeline_events",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "new_value",
                table: "timeline_events",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10000)",
                oldMaxLength: 10000,
                oldNullable: true);
        }
    }
}
