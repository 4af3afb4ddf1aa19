using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DeadlineSweeper : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "acknowledgement_breached_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "acknowledgement_warned_for",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "follow_up_breached_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "follow_up_warned_for",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolution_breached_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolution_warned_for",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_complaints_sweep_acknowledgement",
                table: "complaints",
                columns: new[] { "acknowledge_due", "id" },
                filter: "status <> 'Closed' AND acknowledged_at IS NULL AND acknowledgement_breached_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_sweep_follow_up",
                table: "complaints",
                columns: new[] { "follow_up_due", "id" },
                filter: "status <> 'Closed' AND follow_up_due IS NOT NULL AND followed_up_at IS NULL AND follow_up_breached_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_sweep_resolution",
                table: "complaints",
                columns: new[] { "resolve_due", "id" },
                filter: "status <> 'Closed' AND resolved_at IS NULL AND NOT resolution_paused AND resolution_breached_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_complaints_sweep_acknowledgement",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_sweep_follow_up",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_sweep_resolution",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "acknowledgement_breached_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "acknowledgement_warned_for",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "follow_up_breached_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "follow_up_warned_for",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "resolution_breached_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "resolution_warned_for",
                table: "complaints");
        }
    }
}
